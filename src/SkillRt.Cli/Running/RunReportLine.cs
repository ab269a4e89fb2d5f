using System;
using System.Globalization;
using System.Text;

namespace SkillRt.Cli.Running;

/// <summary>
/// The one line <c>skillrt run</c> prints on stderr after a run, so stdout stays the output alone:
/// <c>ran pr-review@1.2.0: 2 attempts, 1.84 s, tokens 812 in / 240 out, model gpt-4.1-mini, 0 tool calls, 1 repair</c>.
/// </summary>
internal static class RunReportLine
{
    public static string Format(SkillRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var line = new StringBuilder("ran ").Append(report.SkillName);
        if (report.SkillVersion is { } version)
        {
            line.Append('@').Append(version);
        }

        line.Append(": ").Append(Count(report.Attempts, "attempt"));
        line.Append(", ").Append(report.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)).Append(" s");

        // Providers that report no usage get "n/a" rather than a misleading 0.
        line.Append(", tokens ").Append(Tokens(report.InputTokens)).Append(" in / ").Append(Tokens(report.OutputTokens)).Append(" out");
        if (report.EstimatedCost is { } cost)
        {
            line.Append(", about $").Append(cost.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        line.Append(", model ").Append(report.ModelId ?? "none");
        line.Append(", ").Append(Count(report.ToolCalls, "tool call"));
        line.Append(", ").Append(Count(report.Repairs.Count, "repair"));
        return line.ToString();
    }

    private static string Tokens(long? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
