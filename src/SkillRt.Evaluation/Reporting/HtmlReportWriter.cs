using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SkillRt.Evaluation;

/// <summary>
/// One self-contained HTML page: inline styles only, no script, no external style sheet, font or image,
/// so it can be archived as a CI artifact and opened anywhere. Everything that came from the skill,
/// the eval files or the model (names, outputs, messages, grader reasons) is HTML-encoded: a model's
/// output is untrusted text and is shown as text. A Content-Security-Policy forbids scripts besides.
/// </summary>
internal static class HtmlReportWriter
{
    // Every script-significant character is still encoded (<, >, &, quotes); letters of any script are kept as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Write(EvalResult result)
    {
        var html = new StringBuilder();
        var title = "Evals of " + ReportText.SkillLabel(result);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:70rem}")
            .Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}")
            .Append(".pass{color:#116329;font-weight:600}.fail{color:#b3261e;font-weight:600}")
            .Append(".bar{position:relative;width:10rem;height:.8rem;background:#eee;border-radius:.2rem}")
            .Append(".ci{position:absolute;top:0;height:100%;background:#9ec5fe}.rate{position:absolute;top:-.15rem;width:2px;height:1.1rem;background:#1b1b1b}")
            .Append("pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:.5rem;border-radius:.3rem;max-height:20rem;overflow:auto}")
            .Append("details{margin:.3rem 0}summary{cursor:pointer}")
            .Append("\n</style>\n</head>\n<body>\n");

        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p>")
            .Append(result.Passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">FAILED</span>")
            .Append(": ").Append(result.Cases.Count(@case => @case.Passed)).Append(" of ").Append(E(ReportText.Plural(result.Cases.Count, "case", "cases")))
            .Append(" passed; ").Append(result.PassedTrials).Append('/').Append(result.TotalTrials).Append(" trials (")
            .Append(E(ReportText.Percent(result.PassRate))).Append(", 95% CI ").Append(E(result.Interval.ToString())).Append(")</p>\n<p>Mode: ")
            .Append(E(EvalResultJson.ModeName(result.Mode))).Append(". Started ")
            .Append(E(result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC, took ")
            .Append(E(ReportText.Seconds(result.Duration))).Append(" s.</p>\n");

        html.Append("<table>\n<thead><tr><th>Case</th><th>Result</th><th>Passes</th><th>Pass rate (95% CI)</th><th>File</th></tr></thead>\n<tbody>\n");
        foreach (var @case in result.Cases)
        {
            html.Append("<tr><td>").Append(E(@case.Name)).Append("</td><td>")
                .Append(@case.Passed ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>")
                .Append("</td><td>").Append(@case.Passes).Append('/').Append(@case.Trials.Count)
                .Append("</td><td>").Append(Bar(@case)).Append(' ').Append(E(ReportText.Percent(@case.PassRate))).Append(' ').Append(E(@case.Interval.ToString()))
                .Append("</td><td>").Append(E(@case.File)).Append(':').Append(@case.Line).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        foreach (var @case in result.Cases)
        {
            html.Append("<h2>").Append(E(@case.Name)).Append("</h2>\n");
            foreach (var trial in @case.Trials)
            {
                html.Append("<details").Append(trial.Passed ? string.Empty : " open").Append("><summary>Trial ").Append(trial.Number).Append(": ")
                    .Append(trial.Passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">failed</span>")
                    .Append(" (").Append(E(ReportText.Seconds(trial.Duration))).Append(" s)</summary>\n");
                if (trial.Error is not null)
                {
                    html.Append("<p class=\"fail\">The run failed:</p><pre>").Append(E(trial.Error)).Append("</pre>\n");
                }

                if (trial.Assertions.Count > 0)
                {
                    html.Append("<ul>\n");
                    foreach (var assertion in trial.Assertions)
                    {
                        html.Append("<li>").Append(assertion.Passed ? "<span class=\"pass\">✓</span> " : "<span class=\"fail\">✗</span> ")
                            .Append(E(assertion.Description));
                        if (assertion.Message is not null)
                        {
                            html.Append(": ").Append(E(assertion.Message));
                        }

                        html.Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                }

                if (trial.Output is { } output)
                {
                    html.Append("<p>Output:</p><pre>").Append(E(JsonValues.Pretty(output))).Append("</pre>\n");
                }

                html.Append("</details>\n");
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => Encoder.Encode(text);

    // The interval as a shaded band and the observed rate as a tick, drawn with CSS widths only.
    private static string Bar(EvalCaseResult @case) => string.Create(
        CultureInfo.InvariantCulture,
        $"<span class=\"bar\" role=\"img\" aria-label=\"95% interval {E(@case.Interval.ToString())}\" style=\"display:inline-block\"><span class=\"ci\" style=\"left:{@case.Interval.Lower * 100:0.##}%;width:{(@case.Interval.Upper - @case.Interval.Lower) * 100:0.##}%\"></span><span class=\"rate\" style=\"left:{@case.PassRate * 100:0.##}%\"></span></span>");
}
