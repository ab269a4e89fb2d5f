using System.Linq;
using Xunit;

namespace SkillRt.Conformance.Tests;

/// <summary>
/// Issue 24: SkillRt passes 100% of the conformance suite through the runner contract. One test per case, so a
/// failure names the case and says what differs, as run.py reports it.
/// </summary>
public sealed class ConformanceCaseTests(InProcessSuiteRun run) : IClassFixture<InProcessSuiteRun>
{
    public static TheoryData<string> Cases => new(ConformanceCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_passes(string name)
    {
        Assert.False(run.Failures.TryGetValue(name, out var failure), failure);
        var result = run.Result(name);
        var details = string.Join("\n", result.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        Assert.True(result.GetProperty("status").GetString() == "pass", $"{name}: {result.GetProperty("status").GetString()}\n{details}");
    }

    [Fact]
    public void The_report_counts_every_case_and_nothing_else()
    {
        // A case the runner skipped or counted twice would hide behind the per-case tests.
        Assert.Equal(ConformanceCases.Names.Count, run.Summary.GetProperty("cases").GetInt32());
        Assert.Equal(ConformanceCases.Names.Count, run.Summary.GetProperty("pass").GetInt32());
    }
}
