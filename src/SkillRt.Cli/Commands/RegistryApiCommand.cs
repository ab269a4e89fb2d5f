using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// What the <c>namespace</c> and <c>owner</c> commands share: the stored key's connection to a
/// registry, JSON request bodies, and <c>--json</c> output that passes the server's answer through
/// (JsonElement.WriteTo, no reflection) under the source's name.
/// </summary>
internal static class RegistryApiCommand
{
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
#if SKILL_NATIVE_FRONT
        // HTTP requests: HttpClient lives in the host, as for feed installs.
        _ = action;
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(action);
#endif
    }

    public static (RegistryClient Client, RegistrySource Source) Connect(string? sourceName)
    {
        var config = SkillRtConfig.Load();
        var source = config.Resolve(sourceName);
        return (new RegistryClient(source, config.RequireKey(source)), source);
    }

    /// <summary>A JSON object of string properties; null values are left out.</summary>
    public static byte[] Body(params (string Name, string? Value)[] properties) => ConfigJson.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
    });

    /// <summary>Sends a request; the server's problem document becomes the error (its title and what to do).</summary>
    public static async Task<JsonElement> SendAsync(RegistryClient client, HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var answer = await client.SendAsync(method, client.Api(path), body, null, cancellationToken).ConfigureAwait(false);
        return answer?.RootElement.Clone() ?? default;
    }

    /// <summary>Writes <c>{ "source": …, "{name}": answer }</c>.</summary>
    public static Task WriteJsonAsync(TextWriter output, RegistrySource source, string name, JsonElement answer) =>
        JsonOutput.WriteAsync(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("source", source.Name);
            writer.WritePropertyName(name);
            if (answer.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                answer.WriteTo(writer);
            }

            writer.WriteEndObject();
        });

    public static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static JsonElement.ArrayEnumerator Items(JsonElement element, string? name = null)
    {
        var array = name is null ? element : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
        return array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : default;
    }

    /// <summary>The date part of a server time (<c>2026-05-01T10:00:00</c>).</summary>
    public static string Date(JsonElement element, string name)
    {
        var text = Text(element, name);
        return text.Length >= 10 ? text[..10] : text;
    }
}
