using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;

namespace SkillRt.Agents.Tests;

/// <summary>
/// Runs the real, built <c>skillrt export --agent-skills</c> as a child process, with a private store and
/// configuration folder, and returns its exit code and output.
/// </summary>
internal static class SkillrtExport
{
    // The CLI's own output folder, same configuration and framework as this test (…/bin/Debug/net10.0/).
    private static readonly string Program = Path.Combine(
        TestPaths.RepositoryRoot,
        "src",
        "SkillRt.Cli",
        "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name,
        new DirectoryInfo(AppContext.BaseDirectory).Name,
        "skillrt.dll");

    public static async Task<(int ExitCode, string Output)> RunAsync(string skill, string outFolder, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("skillrt-export-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { Program, "export", "--agent-skills", skill, outFolder })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["SKILLRT_HOME"] = Path.Combine(home, "store");
            start.Environment["SKILLRT_CONFIG_HOME"] = Path.Combine(home, "config");
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("skillrt did not start");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, (await output + await error).Trim());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
