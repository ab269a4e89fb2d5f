using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Conformance.Tests;

/// <summary>Runs the suite's own runner, <c>conformance/run.py</c>, and reads its <c>--json</c> report.</summary>
internal static class SuiteRunner
{
    public static async Task<JsonDocument> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunScriptAsync("run.py", ["--json", .. arguments], cancellationToken);

        // 0: every case passed; 1: some did not. Anything else is the runner itself failing.
        Assert.True(exitCode is 0 or 1, $"run.py failed (exit code {exitCode}):\n{output}");
        try
        {
            return JsonDocument.Parse(output);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"run.py printed no JSON report ({exception.Message}):\n{output}", exception);
        }
    }

    /// <summary>Runs one of the suite's Python scripts with python3 and returns its exit code and output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunScriptAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await ExternalCommand.RunAsync("python3", [Path.Combine(ConformanceCases.Root, script), .. arguments], cancellationToken: cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("The conformance runner needs python3 on PATH (apt-get install -y python3): " + exception.Message, exception);
        }
    }
}
