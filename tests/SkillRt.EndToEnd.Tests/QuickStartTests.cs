using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>The README's main job: the QuickStart sample, built with its SkillFile items, runs and describes its skills.</summary>
public sealed class QuickStartTests
{
    // The sample is built beside this test project (bin/<configuration>/net10.0), in the same configuration.
    private static string SampleOutput { get; } = Path.Combine(
        TestPaths.RepositoryRoot, "samples", "QuickStart", "bin",
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!),
        "net10.0");

    [Fact]
    public async Task QuickStart_runs_and_lists_its_validated_skills()
    {
        var sample = Path.Combine(SampleOutput, "QuickStart.dll");
        Assert.True(File.Exists(sample), "QuickStart was not built at " + sample);

        var start = new ProcessStartInfo("dotnet", [sample]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, error);
        Assert.StartsWith("SkillRt QuickStart: 2 skills, validated at build time", output, StringComparison.Ordinal);
        Assert.Contains("triage-issue 1.0.0 (markdown-skill)", output, StringComparison.Ordinal);
        Assert.Contains("input  issue_url    url      required", output, StringComparison.Ordinal);
        Assert.Contains("may reach api.github.com, $GITHUB_TOKEN", output, StringComparison.Ordinal);
        Assert.Contains("skills/broken/SKILL.md(4,10): error SKILL0107", output, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickStart_skills_are_copied_next_to_the_app()
    {
        var skills = Path.Combine(SampleOutput, "skills");
        Assert.True(File.Exists(Path.Combine(skills, "triage-issue", "SKILL.md")));
        Assert.True(File.Exists(Path.Combine(skills, "summarize", "SKILL.md")));
    }
}
