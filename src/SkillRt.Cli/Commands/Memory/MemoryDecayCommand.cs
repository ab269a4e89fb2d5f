using System;
using System.CommandLine;
using System.Globalization;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
#if !SKILL_NATIVE_FRONT
using SkillRt.Memory;
#endif

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// <c>skillrt memory decay --older-than 30d [--namespace ns]… [--dry-run]</c>: archives the memories neither
/// written nor read for that long (restorable with <c>memory restore</c>), or lists them with <c>--dry-run</c>.
/// </summary>
internal static class MemoryDecayCommand
{
    public static Command Create()
    {
        var olderThan = new Option<string>("--older-than") { Description = "How long unused: 30d, 12h, 90m.", Required = true };
        var namespaces = new Option<string[]>("--namespace") { Description = "Only in this namespace or pattern (repeatable); every namespace when left out." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be archived; change nothing." };
        var options = new MemoryOptions();
        var format = new JsonFormat();
        var command = new Command("decay", "Archive memories unused for a while (restorable), or list them with --dry-run.") { olderThan, namespaces, dryRun };
        options.AddTo(command);
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var age = ParseAge(parseResult.GetValue(olderThan)!);
            var request = new DecayRequest
            {
                OlderThan = age,
                DryRun = parseResult.GetValue(dryRun),
                Namespaces = parseResult.GetValue(namespaces) is { Length: > 0 } given ? given : null,
            };
            await using var session = await MemorySession.OpenAsync(options.Read(parseResult), cancellationToken).ConfigureAwait(false);
            var report = await session.CallAsync(memory => memory.DecayAsync(request, cancellationToken)).ConfigureAwait(false);

            var output = parseResult.InvocationConfiguration.Output;
            if (format.IsJson(parseResult))
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteBoolean("dryRun", report.DryRun);
                    writer.WriteNumber("count", report.Count);
                    writer.WriteStartArray("memories");
                    foreach (var memory in report.Memories)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", memory.Id);
                        writer.WriteString("namespace", memory.Namespace);
                        writer.WriteString("kind", memory.Kind);
                        writer.WriteString("key", memory.Key);
                        writer.WriteString("lastUsedAt", memory.LastUsedAt);
                        writer.WriteNumber("freshness", Math.Round(memory.Freshness, 4));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var verb = report.DryRun ? "Would archive" : "Archived";
            await output.WriteLineAsync($"{verb} {report.Count} memor{(report.Count == 1 ? "y" : "ies")} unused for {parseResult.GetValue(olderThan)}{(report.DryRun ? " (dry run: nothing changed)" : "; 'skillrt memory restore' brings one back")}.").ConfigureAwait(false);
            foreach (var memory in report.Memories)
            {
                await output.WriteLineAsync($"  {memory.Id}  {memory.Namespace}  {memory.Kind}{(memory.Key is null ? string.Empty : " key " + memory.Key)}  last used {memory.LastUsedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
#endif
        return command;
    }

    /// <summary>A number and a unit: d (days), h (hours) or m (minutes).</summary>
    internal static TimeSpan ParseAge(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0)
        {
            switch (trimmed[^1])
            {
                case 'd': return TimeSpan.FromDays(number);
                case 'h': return TimeSpan.FromHours(number);
                case 'm': return TimeSpan.FromMinutes(number);
            }
        }

        throw new CliException(ExitCodes.UsageError, $"--older-than {text}: write a whole number and a unit, such as 30d, 12h or 90m.");
    }
}
