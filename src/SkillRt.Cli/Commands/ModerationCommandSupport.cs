using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// What the moderation commands (<c>findings</c>, <c>appeal</c>, <c>report</c>, <c>admin</c>) share: the
/// registry client with the stored key, <c>id@version</c> arguments, texts from an option or a file,
/// and findings printed compiler-style.
/// </summary>
internal static class ModerationCommandSupport
{
    /// <summary>The longest text read from a file or standard input; the server's own limit is lower.</summary>
    private const int MaxTextBytes = 64 * 1024;

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

    /// <summary>Splits <c>Contoso.Review@1.2.0</c>; the version is required unless <paramref name="versionOptional"/>.</summary>
    public static (string Id, string? Version) ParseReference(string reference, bool versionOptional)
    {
        var at = reference.LastIndexOf('@');
        var id = at < 0 ? reference : reference[..at];
        var version = at < 0 ? null : reference[(at + 1)..];
        if (id.Length == 0 || (version is not null && version.Length == 0) || (version is null && !versionOptional))
        {
            throw new CliException(
                ExitCodes.UsageError,
                $"'{reference}' is not {(versionOptional ? "a package ID or ID@version" : "ID@version")}; write it as Contoso.Review@1.2.0.");
        }

        return (id, version);
    }

    /// <summary>The path of a version's resource on the registry's API: <c>api/v2/package/{id}/{version}/{what}</c>.</summary>
    public static string VersionPath(string id, string version, string what) =>
        $"api/v2/package/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version)}/{what}";

    /// <summary>The text of <c>--text</c>, or of <c>--text-file</c> (<c>-</c> for standard input); exactly one is needed.</summary>
    public static async Task<string> ReadTextAsync(string? text, string? file, string what, CancellationToken cancellationToken)
    {
        if ((text is null) == (file is null))
        {
            throw new CliException(ExitCodes.UsageError, $"Give the {what} with --text \"…\" or --text-file <path> (- reads standard input), one of the two.");
        }

        if (text is not null)
        {
            return text;
        }

        try
        {
            using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(file!);
            var buffer = new char[MaxTextBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read > MaxTextBytes)
            {
                throw new CliException(ExitCodes.UsageError, $"{(file == "-" ? "standard input" : file)} is over {MaxTextBytes / 1024} KiB; the {what} must be short (the server takes 4,000 characters).");
            }

            return new string(buffer, 0, read);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"Cannot read the {what} from '{file}': {exception.Message}");
        }
    }

    /// <summary>Writes the server's JSON answer as is: the API is the stable format for scripts.</summary>
    public static Task WriteJsonAsync(TextWriter output, JsonElement element) =>
        JsonOutput.WriteAsync(output, writer => element.WriteTo(writer));

    /// <summary>One finding as a compiler-style line, <c>skills/x/run.sh(3): high SKILLSEC0101: message</c>, with its fix below.</summary>
    public static async Task WriteFindingAsync(TextWriter output, JsonElement finding, string indent = "")
    {
        var file = Text(finding, "file");
        var line = finding.TryGetProperty("line", out var lineElement) && lineElement.ValueKind == JsonValueKind.Number ? lineElement.GetInt32() : (int?)null;
        var location = (file ?? "<package>") + (line is { } l ? "(" + l.ToString(CultureInfo.InvariantCulture) + ")" : "");
        await output.WriteLineAsync($"{indent}{location}: {Text(finding, "severity")} {Text(finding, "ruleId")}: {Text(finding, "message")}").ConfigureAwait(false);
        if (Text(finding, "evidence") is { Length: > 0 } evidence)
        {
            await output.WriteLineAsync($"{indent}    evidence: {evidence}").ConfigureAwait(false);
        }

        if (Text(finding, "fix") is { Length: > 0 } fix)
        {
            await output.WriteLineAsync($"{indent}    fix: {fix}").ConfigureAwait(false);
        }
    }

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : default;

    public static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static int Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    /// <summary>The server answered with an empty body where JSON was expected.</summary>
    public static CliException Empty(RegistrySource source, string what) =>
        new(ExitCodes.FeedError, $"{source} answered {what} with no body; check that it is a SkillRt registry of this version.");
}
