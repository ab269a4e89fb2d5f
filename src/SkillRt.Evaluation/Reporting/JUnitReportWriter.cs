using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace SkillRt.Evaluation;

/// <summary>
/// JUnit XML as CI servers read it (Jenkins, GitLab, Azure Pipelines, GitHub test reporters): one
/// <c>testsuite</c> per skill, one <c>testcase</c> per eval case (classname <c>skill.file</c>), a
/// <c>failure</c> for a case under its pass rate with every failed trial's reason in its text, and the
/// pass rate and interval as properties. Characters XML 1.0 cannot hold (a model may write any) become U+FFFD.
/// </summary>
internal static class JUnitReportWriter
{
    public static async Task WriteAsync(EvalResult result, Stream stream, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        await using var writer = XmlWriter.Create(stream, settings);
        var failures = result.Cases.Count(@case => !@case.Passed).ToString(CultureInfo.InvariantCulture);
        var tests = result.Cases.Count.ToString(CultureInfo.InvariantCulture);
        var time = ReportText.Seconds(result.Duration);
        var skill = Safe(ReportText.SkillLabel(result));

        await writer.WriteStartDocumentAsync().ConfigureAwait(false);
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("name", "skillrt eval " + skill);
        writer.WriteAttributeString("tests", tests);
        writer.WriteAttributeString("failures", failures);
        writer.WriteAttributeString("errors", "0");
        writer.WriteAttributeString("time", time);
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", skill);
        writer.WriteAttributeString("tests", tests);
        writer.WriteAttributeString("failures", failures);
        writer.WriteAttributeString("errors", "0");
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("time", time);
        writer.WriteAttributeString("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteStartElement("properties");
        Property(writer, "mode", EvalResultJson.ModeName(result.Mode));
        Property(writer, "trials", result.TotalTrials.ToString(CultureInfo.InvariantCulture));
        Property(writer, "passedTrials", result.PassedTrials.ToString(CultureInfo.InvariantCulture));
        Property(writer, "passRate", result.PassRate.ToString("0.####", CultureInfo.InvariantCulture));
        Property(writer, "interval95", result.Interval.ToString());
        writer.WriteEndElement();

        foreach (var @case in result.Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("classname", Safe(result.SkillName + "." + Path.GetFileNameWithoutExtension(@case.File)));
            writer.WriteAttributeString("name", Safe(@case.Name));
            writer.WriteAttributeString("file", Safe(@case.File));
            writer.WriteAttributeString("line", @case.Line.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("time", ReportText.Seconds(@case.Trials.Aggregate(System.TimeSpan.Zero, (sum, trial) => sum + trial.Duration)));
            var summary = $"{@case.Passes}/{@case.Trials.Count} trials passed ({ReportText.Percent(@case.PassRate)}, 95% CI {@case.Interval}); needs {ReportText.Percent(@case.MinPassRate)}";
            if (!@case.Passed)
            {
                writer.WriteStartElement("failure");
                var first = @case.Trials.FirstOrDefault(trial => !trial.Passed);
                writer.WriteAttributeString("message", Safe(summary + (first is null ? string.Empty : ": " + ReportText.Failure(first))));
                writer.WriteAttributeString("type", "EvalCaseFailed");
                var details = new StringBuilder();
                foreach (var trial in @case.Trials.Where(trial => !trial.Passed))
                {
                    details.Append(CultureInfo.InvariantCulture, $"trial {trial.Number}: {ReportText.Failure(trial)}\n");
                }

                writer.WriteString(Safe(details.ToString()));
                writer.WriteEndElement();
            }

            writer.WriteElementString("system-out", Safe(summary));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync().ConfigureAwait(false);
        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", Safe(value));
        writer.WriteEndElement();
    }

    /// <summary>The text with every character XML 1.0 forbids (most controls, lone surrogates) replaced by U+FFFD.</summary>
    internal static string Safe(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = XmlConvert.IsXmlChar(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]));
            if (valid && char.IsHighSurrogate(c))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!valid)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }
}
