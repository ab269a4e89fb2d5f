using System.Globalization;
using System.Linq;
using System.Text;

namespace SkillRt.Evaluation;

/// <summary>
/// The terminal report: a line per case (PASS or FAIL, passes of trials, rate, 95% interval), under a
/// failed case one line per distinct failure reason with the trials it hit, and a summary line last.
/// </summary>
internal static class TextReportWriter
{
    public static string Write(EvalResult result)
    {
        var builder = new StringBuilder();
        var mode = EvalResultJson.ModeName(result.Mode);
        builder.Append(CultureInfo.InvariantCulture, $"{ReportText.SkillLabel(result)}: {ReportText.Plural(result.Cases.Count, "case", "cases")} ({mode})\n");
        var width = result.Cases.Count == 0 ? 0 : result.Cases.Max(@case => @case.Name.Length);
        foreach (var @case in result.Cases)
        {
            var counts = $"{@case.Passes}/{@case.Trials.Count}";
            builder.Append(CultureInfo.InvariantCulture, $"  {(@case.Passed ? "PASS" : "FAIL")}  {@case.Name.PadRight(width)}  {counts,7}  {ReportText.Percent(@case.PassRate),6}  95% CI {@case.Interval}\n");
            if (@case.Passed && @case.Passes == @case.Trials.Count)
            {
                continue;
            }

            // Trials failing for the same reason are listed once.
            foreach (var group in @case.Trials.Where(trial => !trial.Passed).GroupBy(ReportText.Failure))
            {
                var numbers = string.Join(", ", group.Select(trial => trial.Number.ToString(CultureInfo.InvariantCulture)));
                builder.Append(CultureInfo.InvariantCulture, $"        {(group.Count() == 1 ? "trial" : "trials")} {numbers}: {OneLine(group.Key)}\n");
            }

            builder.Append(CultureInfo.InvariantCulture, $"        ({@case.File}:{@case.Line})\n");
        }

        var passedCases = result.Cases.Count(@case => @case.Passed);
        builder.Append(CultureInfo.InvariantCulture, $"{(result.Passed ? "passed" : "FAILED")}: {passedCases} of {ReportText.Plural(result.Cases.Count, "case", "cases")} passed; {result.PassedTrials}/{result.TotalTrials} trials ({ReportText.Percent(result.PassRate)}, 95% CI {result.Interval}) in {ReportText.Seconds(result.Duration)} s\n");
        return builder.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
