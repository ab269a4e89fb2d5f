using System;
using System.CommandLine;
using System.Linq;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt deprecate &lt;id&gt; &lt;version&gt; --reason legacy|critical-bugs|other [--message …]
/// [--alternative id[@range]]</c>, or <c>--clear</c>: NuGet's deprecation, which NuGet clients show and
/// <c>skillrt install</c> warns about, naming the reason and the alternative.
/// </summary>
internal static class DeprecateCommand
{
    private static readonly (string Option, string NuGet)[] Reasons = [("legacy", "Legacy"), ("critical-bugs", "CriticalBugs"), ("other", "Other")];

    public static Command Create()
    {
        var reason = new Option<string[]>("--reason")
        {
            Description = "Why: legacy (no longer maintained), critical-bugs, or other (say why in --message). Repeat for several.",
            HelpName = "legacy|critical-bugs|other",
        };
        var message = new Option<string?>("--message") { Description = "What users should know, up to 1,000 characters." };
        var alternative = new Option<string?>("--alternative") { Description = "The package to use instead, as id or id@range (Contoso.NewReview@2.0.0 for 2.0.0 or later, [2.0,3.0) for an interval)." };
        var clear = new Option<bool>("--clear") { Description = "Remove the version's deprecation." };
        var command = new PackageVersionCommand("deprecate", "Deprecate a package version (or --clear it): installs warn, naming the reason and the alternative.");
        command.Command.Options.Add(reason);
        command.Command.Options.Add(message);
        command.Command.Options.Add(alternative);
        command.Command.Options.Add(clear);
        command.SetAction((parseResult, target, cancellationToken) =>
        {
            var reasons = (parseResult.GetValue(reason) ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var text = parseResult.GetValue(message);
            var instead = parseResult.GetValue(alternative);
            if (parseResult.GetValue(clear))
            {
                if (reasons.Count > 0 || text is not null || instead is not null)
                {
                    throw new CliException(ExitCodes.UsageError, "--clear removes the deprecation; leave out --reason, --message and --alternative with it.");
                }

                return target.SendAsync(HttpMethod.Delete, "/deprecation", null, "undeprecated", $"Removed the deprecation of {target.Id} {target.Version}", cancellationToken);
            }

            if (reasons.Count == 0)
            {
                throw new CliException(ExitCodes.UsageError, "say why with --reason legacy, critical-bugs or other (or remove a deprecation with --clear).");
            }

            var nuGetReasons = reasons.Select(r => Reasons.FirstOrDefault(known => string.Equals(known.Option, r, StringComparison.OrdinalIgnoreCase) || string.Equals(known.NuGet, r, StringComparison.OrdinalIgnoreCase)) is { NuGet: { } name }
                ? name
                : throw new CliException(ExitCodes.UsageError, $"--reason '{r}' is not a reason; use legacy, critical-bugs or other.")).Distinct().ToList();
            string? alternateId = null, alternateRange = null;
            if (instead is not null)
            {
                var at = instead.IndexOf('@', StringComparison.Ordinal);
                alternateId = at < 0 ? instead : instead[..at];
                alternateRange = at < 0 ? null : instead[(at + 1)..];
            }

            var body = Sources.ConfigJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("reasons");
                nuGetReasons.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                if (text is not null)
                {
                    writer.WriteString("message", text);
                }

                if (alternateId is not null)
                {
                    writer.WriteStartObject("alternatePackage");
                    writer.WriteString("id", alternateId);
                    if (alternateRange is not null)
                    {
                        writer.WriteString("range", alternateRange);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            });
            var use = alternateId is null ? "" : $"; use {alternateId}{(alternateRange is null ? "" : " " + alternateRange)} instead";
            return target.SendAsync(HttpMethod.Put, "/deprecation", body, "deprecated", $"Deprecated {target.Id} {target.Version} ({string.Join(", ", nuGetReasons)}{use})", cancellationToken);
        });
        return command.Command;
    }
}
