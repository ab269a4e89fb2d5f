using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt audit [--package id] [--actor name] [--action package.yank] [--since time] [--until time]
/// [--take n] [--cursor c]</c>: one page of a registry's audit log, newest first (administrators only).
/// The text form is a table and, when older entries match, the command that shows the next page.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var package = new Option<string?>("--package") { Description = "Only entries about this package ID." };
        var actor = new Option<string?>("--actor") { Description = "Only changes made by this account (name or ID)." };
        var action = new Option<string?>("--action") { Description = "Only this action, such as package.publish, package.yank or package.delete." };
        var since = new Option<string?>("--since") { Description = "Only entries at or after this time (ISO 8601: 2026-05-01 or 2026-05-01T10:00:00Z)." };
        var until = new Option<string?>("--until") { Description = "Only entries before this time (ISO 8601)." };
        var take = new Option<int?>("--take") { Description = "Entries per page (the server's default is 50)." };
        var cursor = new Option<string?>("--cursor") { Description = "Where the previous page ended (its nextCursor)." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("audit", "Show a registry's audit log: who published, unlisted, deprecated, yanked or deleted what, and when (administrators only).")
        {
            package, actor, action, since, until, take, cursor, source,
        };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) =>
        {
            var query = new List<(string, string?)>
            {
                ("package", parseResult.GetValue(package)),
                ("actor", parseResult.GetValue(actor)),
                ("action", parseResult.GetValue(action)),
                ("since", parseResult.GetValue(since)),
                ("until", parseResult.GetValue(until)),
                ("take", parseResult.GetValue(take)?.ToString(CultureInfo.InvariantCulture)),
                ("cursor", parseResult.GetValue(cursor)),
            };
            return RunAsync(query, parseResult.GetValue(source), format.IsJson(parseResult), parseResult.InvocationConfiguration.Output, cancellationToken);
        });
#endif
        return command;
    }

    private static async Task<int> RunAsync(List<(string Name, string? Value)> query, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var config = SkillRtConfig.Load();
        var source = config.Resolve(sourceName);
        using var client = new RegistryClient(source, config.RequireKey(source));
        var given = query.Where(q => !string.IsNullOrWhiteSpace(q.Value)).ToList();
        var queryString = string.Join("&", given.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}"));
        using var page = await client.GetJsonAsync(
            client.Api("api/v2/audit" + (queryString.Length > 0 ? "?" + queryString : "")),
            cancellationToken,
            status => status == System.Net.HttpStatusCode.Forbidden ? "the audit log is for the registry's administrators; log in with an administrator's key" : null).ConfigureAwait(false);
        if (page?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new CliException(ExitCodes.FeedError, $"{source} answered api/v2/audit with something other than a page of entries; check the server's version.");
        }

        var next = root.TryGetProperty("nextCursor", out var nextElement) && nextElement.ValueKind == JsonValueKind.String ? nextElement.GetString() : null;
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("source", source.Name);
                writer.WritePropertyName("items");
                items.WriteTo(writer);
                writer.WriteString("nextCursor", next);
                writer.WriteEndObject();
            }).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var table = new TextTable("TIME", "ACTOR", "ACTION", "PACKAGE", "VERSION", "FROM", "DETAILS");
        foreach (var entry in items.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
        {
            table.Add(
                Time(Text(entry, "time")),
                entry.TryGetProperty("actor", out var who) && who.ValueKind == JsonValueKind.Object ? Text(who, "name") : "",
                Text(entry, "action"),
                Text(entry, "packageId") is { Length: > 0 } id ? id : Text(entry, "target"),
                Text(entry, "packageVersion"),
                Text(entry, "clientAddress"),
                entry.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object ? TextTable.OneLine(details.GetRawText()) : "");
        }

        await table.WriteAsync(output).ConfigureAwait(false);
        if (next is not null)
        {
            var again = string.Join(" ", given.Where(q => q.Name != "cursor").Select(q => $"--{q.Name} {Quote(q.Value!)}"));
            await output.WriteLineAsync($"More entries: skillrt audit {(again.Length > 0 ? again + " " : "")}--cursor {next}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : text;

    private static string Quote(string value) => value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : value;
}
