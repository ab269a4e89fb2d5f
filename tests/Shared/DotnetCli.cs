using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests;

/// <summary>Runs the real dotnet CLI in a folder, as the build and end-to-end tests do, and returns what it printed.</summary>
internal static class DotnetCli
{
    /// <summary>The configuration the running test was built in (bin/&lt;configuration&gt;/net10.0), so projects it built are found.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // No build servers outliving the test, and packs that are byte-identical run to run.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["SOURCE_DATE_EPOCH"] = "1700000000";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
