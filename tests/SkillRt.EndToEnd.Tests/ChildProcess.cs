using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// Runs a program other than <c>dotnet</c> (git, an installed <c>skillrt</c>) in a folder and returns
/// its exit code, stdout and stderr apart, so a test can say which stream a message went to.
/// </summary>
internal static class ChildProcess
{
    /// <param name="program">The executable: a full path, or a name looked up on this process's PATH.</param>
    /// <param name="environment">Variables to set, or, with a null value, to remove, for this run only.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{program}' did not start.");
        }
        catch (Win32Exception exception)
        {
            // A missing prerequisite fails the test with its name, never skips it.
            throw new InvalidOperationException($"'{program}' could not be started ({exception.Message}); install it or put it on PATH, then run the tests again.", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            try
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, (await output).ReplaceLineEndings("\n"), (await error).ReplaceLineEndings("\n"));
        }
    }
}
