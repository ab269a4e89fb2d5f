using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt keys create|list|revoke</c>: the account's API keys on a registry server, through its
/// identity API (<c>api/v1/keys</c>) with the key <c>skillrt login</c> stored. A new key's secret is
/// printed once; the server keeps only its hash.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list and revoke your API keys on a registry server.")
        {
            CreateCreate(),
            CreateList(),
            CreateRevoke(),
        };
        return command;
    }

    private static Command CreateCreate()
    {
        var name = new Option<string?>("--name") { Description = "What the key is for (1–200 characters), such as 'ci publish'; by default 'skillrt on <machine> <date>'." };
        var scope = new Option<string[]>("--scope")
        {
            Description = "A scope the key gets, such as registry:publish (repeat, or separate with commas); by default the scopes the server grants by default that your key holds.",
            AllowMultipleArgumentsPerToken = false,
        };
        var package = new Option<string[]>("--package")
        {
            Description = "A package ID pattern the key is limited to, such as Contoso.* (repeat, or separate with commas); by default every package your key may act on.",
        };
        var expires = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working (1–3650); the server's default is 365." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("create", "Create an API key; its secret is printed this once.") { name, scope, package, expires, source };
        format.AddTo(command);
        SetAction(command, (parseResult, cancellationToken) => CreateAsync(
            new KeyRequest(parseResult.GetValue(name), Split(parseResult.GetValue(scope)), Split(parseResult.GetValue(package)), parseResult.GetValue(expires)),
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static Command CreateList()
    {
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("list", "List your API keys: ID, name, first characters, status, expiry and scopes (never the secrets).") { source };
        format.AddTo(command);
        SetAction(command, (parseResult, cancellationToken) => ListAsync(parseResult.GetValue(source), format.IsJson(parseResult), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<string>("id") { Description = "The key's ID, as 'skillrt keys list' shows it." };
        var source = SourceOption.Create();
        var command = new Command("revoke", "Revoke an API key: it stops working at once.") { id, source };
        SetAction(command, (parseResult, cancellationToken) => RevokeAsync(parseResult.GetValue(id)!, parseResult.GetValue(source), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
#if SKILL_NATIVE_FRONT
        // HTTP requests: HttpClient lives in the host, as for feed installs.
        _ = action;
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(action);
#endif
    }

    private static async Task<int> CreateAsync(KeyRequest request, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, source) = Connect(sourceName);
        using (client)
        {
            var keyName = request.Name ?? $"skillrt on {Environment.MachineName} {DateTime.UtcNow:yyyy-MM-dd}";
            var body = ConfigJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("name", keyName);
                WriteList(writer, "scopes", request.Scopes);
                WriteList(writer, "packages", request.Packages);
                if (request.ExpiresInDays is { } days)
                {
                    writer.WriteNumber("expiresInDays", days);
                }

                writer.WriteEndObject();
            });
            using var created = await client.SendAsync(HttpMethod.Post, client.Api("api/v1/keys"), body, null, cancellationToken).ConfigureAwait(false);
            if (created?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("secret", out var secretElement) || secretElement.GetString() is not { } secret)
            {
                throw new CliException(ExitCodes.FeedError, $"{source} created a key but did not send it back as {{ key, secret }}; revoke it with 'skillrt keys list' and 'skillrt keys revoke', and check the server's version.");
            }

            var key = KeyView.Read(keyElement);
            if (json)
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", source.Name);
                    key.WriteProperties(writer);
                    writer.WriteString("secret", secret);
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"Created the key '{key.Name}' ({key.Id}) on {source}: scopes {string.Join(", ", key.Scopes)}; packages {string.Join(", ", key.Packages)}; expires {Date(key.ExpiresAt) ?? "never"}.").ConfigureAwait(false);
            await output.WriteLineAsync("Secret (shown once, store it now): " + secret).ConfigureAwait(false);
            await output.WriteLineAsync("The server keeps only its hash: this is the only time the secret is shown. Use it with 'skillrt login --key-stdin', or as a CI secret.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static async Task<int> ListAsync(string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, source) = Connect(sourceName);
        using (client)
        {
            using var listed = await client.GetJsonAsync(client.Api("api/v1/keys"), cancellationToken).ConfigureAwait(false);
            if (listed?.RootElement is not { ValueKind: JsonValueKind.Array } array)
            {
                throw new CliException(ExitCodes.FeedError, $"{source} answered api/v1/keys with something other than a list of keys; check the server's version.");
            }

            var keys = array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(KeyView.Read).ToList();
            if (json)
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", source.Name);
                    writer.WriteStartArray("keys");
                    foreach (var key in keys)
                    {
                        writer.WriteStartObject();
                        key.WriteProperties(writer);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "NAME", "KEY", "STATUS", "EXPIRES", "LAST USED", "SCOPES");
            var now = DateTime.UtcNow;
            foreach (var key in keys)
            {
                table.Add(
                    key.Id,
                    TextTable.OneLine(key.Name),
                    key.Hint,
                    key.RevokedAt is not null ? "revoked" : key.ExpiresAt is { } expiry && expiry <= now ? "expired" : "active",
                    Date(key.ExpiresAt) ?? "never",
                    Date(key.LastUsedAt) ?? "never",
                    string.Join(" ", key.Scopes) + (key.Packages.SequenceEqual(["*"]) ? "" : " (packages " + string.Join(" ", key.Packages) + ")"));
            }

            await table.WriteAsync(output).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static async Task<int> RevokeAsync(string id, string? sourceName, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, source) = Connect(sourceName);
        using (client)
        {
            using var _ = await client.SendAsync(HttpMethod.Delete, client.Api("api/v1/keys/" + Uri.EscapeDataString(id)), null, null, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Revoked the key {id} on {source}; it no longer works.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static (RegistryClient Client, RegistrySource Source) Connect(string? sourceName)
    {
        var config = SkillRtConfig.Load();
        var source = config.Resolve(sourceName);
        return (new RegistryClient(source, config.RequireKey(source)), source);
    }

    private static string[]? Split(string[]? values)
    {
        var split = values?.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return split is { Length: > 0 } ? split : null;
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string? Date(DateTime? time) => time?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record KeyRequest(string? Name, string[]? Scopes, string[]? Packages, int? ExpiresInDays);

    /// <summary>A key as the server lists it (<c>ApiKeyView</c>), and as <c>--json</c> prints it: the same names, always all of them.</summary>
    private sealed record KeyView(string Id, string Name, string Hint, string[] Scopes, string[] Packages, DateTime? CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt)
    {
        public static KeyView Read(JsonElement element) => new(
            Text(element, "id"),
            Text(element, "name"),
            Text(element, "hint"),
            Strings(element, "scopes"),
            Strings(element, "packages"),
            Time(element, "createdAt"),
            Time(element, "expiresAt"),
            Time(element, "revokedAt"),
            Time(element, "lastUsedAt"));

        public void WriteProperties(Utf8JsonWriter writer)
        {
            writer.WriteString("id", Id);
            writer.WriteString("name", Name);
            writer.WriteString("hint", Hint);
            writer.WriteStartArray("scopes");
            Array.ForEach(Scopes, writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteStartArray("packages");
            Array.ForEach(Packages, writer.WriteStringValue);
            writer.WriteEndArray();
            WriteTime(writer, "createdAt", CreatedAt);
            WriteTime(writer, "expiresAt", ExpiresAt);
            WriteTime(writer, "revokedAt", RevokedAt);
            WriteTime(writer, "lastUsedAt", LastUsedAt);
        }

        private static void WriteTime(Utf8JsonWriter writer, string name, DateTime? value)
        {
            if (value is { } time)
            {
                writer.WriteString(name, time);
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        private static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

        private static string[] Strings(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
                : [];

        // The server writes UTC times without a zone ('2026-05-01T10:00:00'); read them as UTC.
        private static DateTime? Time(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null;
    }
}
