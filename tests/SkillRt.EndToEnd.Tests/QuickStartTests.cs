using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>The README's main job: the QuickStart sample, built with its SkillFile items, runs and uses the generated classes.</summary>
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
        Assert.StartsWith("SkillRt QuickStart: 2 skills, validated and compiled at build time", output, StringComparison.Ordinal);
        Assert.Contains("triage-issue 1.0.0 (markdown-skill, output json)", output, StringComparison.Ordinal);
        Assert.Contains("may reach api.github.com, $GITHUB_TOKEN", output, StringComparison.Ordinal);
        Assert.Contains("""{"issue_url":"https://github.com/dotnet/runtime/issues/1","team":"runtime","max_labels":3}""", output, StringComparison.Ordinal);
        Assert.Contains("A valid answer: Bug, labels area-System.Text.Json", output, StringComparison.Ordinal);
        Assert.Contains("/kind: The string \"bugg\" is not allowed", output, StringComparison.Ordinal);
        Assert.Contains("(root): The required property 'next_step' is missing.", output, StringComparison.Ordinal);
    }
}
