using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace SkillRt.Evaluation.Tests;

public sealed class EvalReportTests
{
    private const string Hostile = "<script>alert('x')</script>&\"\u0001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_text_report_has_a_line_per_case_the_failure_reasons_and_a_summary()
    {
        var text = await WriteAsync(EvalComparisonTests.Result(("good", 3, 3), ("bad", 1, 3)), EvalReportFormat.Text);

        Assert.Equal(
            """
            review@1.0.0: 2 cases (replay)
              PASS  good      3/3    100%  95% CI [43.9%, 100%]
              FAIL  bad       1/3   33.3%  95% CI [6.1%, 79.2%]
                    trials 2, 3: $.verdict equals "approve": got "comment"
                    (evals/a.yaml:1)
            FAILED: 1 of 2 cases passed; 4/6 trials (66.7%, 95% CI [30%, 90.3%]) in 1 s

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public async Task The_junit_report_parses_back_with_a_test_case_per_eval_case_and_a_failure_for_each_failed_one()
    {
        var result = WithHostileOutput();

        var xml = XDocument.Parse(await WriteAsync(result, EvalReportFormat.JUnit));

        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToArray();
        Assert.Equal(["good", "bad" + Hostile.Replace("\u0001", "\uFFFD", StringComparison.Ordinal)], cases.Select(c => c.Attribute("name")!.Value));
        Assert.Null(cases[0].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.StartsWith("0/1 trials passed (0%, 95% CI [0%, 79.3%]); needs 100%: ", failure.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Contains("trial 1: the run failed: boom " + Hostile.Replace("\u0001", "\uFFFD", StringComparison.Ordinal), failure.Value, StringComparison.Ordinal);
        Assert.Equal("review.a", cases[0].Attribute("classname")!.Value);
    }

    [Fact]
    public async Task The_html_report_is_self_contained_and_encodes_everything_the_model_wrote()
    {
        var html = await WriteAsync(WithHostileOutput(), EvalReportFormat.Html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert('x')", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_report_is_the_results_json_form()
    {
        var json = await WriteAsync(EvalComparisonTests.Result(("good", 2, 3)), EvalReportFormat.Json);

        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("cases")[0].GetProperty("passes").GetInt32());
        Assert.Equal(0.2076596008020477, document.RootElement.GetProperty("cases")[0].GetProperty("interval95").GetProperty("lower").GetDouble(), 12);
    }

    private static EvalResult WithHostileOutput()
    {
        var output = JsonDocument.Parse(JsonSerializer.Serialize(new JsonObjectWrapper(Hostile).Value, EvalTestJson.Default.String)).RootElement;
        var good = new EvalCaseResult("good", "evals/a.yaml", 1, 1, [new EvalTrialResult(1, TimeSpan.Zero, output, null, [new EvalAssertionResult("contains", "$ contains \"<b>\"", true, Hostile)])]);
        var bad = new EvalCaseResult("bad" + Hostile, "evals/a.yaml", 9, 1, [new EvalTrialResult(1, TimeSpan.Zero, null, "boom " + Hostile, [])]);
        return new EvalResult("review", "1.0.0", EvalModelMode.Live, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2), [good, bad]);
    }

    private static async Task<string> WriteAsync(EvalResult result, EvalReportFormat format)
    {
        using var buffer = new MemoryStream();
        await EvalReport.WriteAsync(result, format, buffer, Ct);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record JsonObjectWrapper(string Value);
}
