using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;

namespace SkillRt.Signing.Tests.Minisign;

/// <summary>
/// The real minisign program (Debian's /usr/bin/minisign), which the interoperability tests hold this
/// library's files against. minisign reads a password from standard input when it is not a terminal.
/// </summary>
internal static class MinisignTool
{
    public const string Program = "minisign";

    public static Task<(int ExitCode, string Output)> RunAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.RunAsync(Program, arguments, directory, cancellationToken);

    /// <summary>Runs minisign with <paramref name="standardInput"/> written to it (the password prompts).</summary>
    public static async Task<(int ExitCode, string Output)> RunWithInputAsync(
        string directory, string standardInput, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("minisign did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output + await error).Trim());
    }
}
