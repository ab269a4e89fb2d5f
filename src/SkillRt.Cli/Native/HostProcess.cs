using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Sandboxing;

namespace SkillRt.Cli.Native;

/// <summary>
/// The native <c>skill</c> (Native AOT, linux-x64) hands <c>skillrt run</c>, <c>skillrt eval</c> and feed installs to the
/// framework-dependent build shipped beside it in <c>host/</c>. Those two commands bring the OpenAI
/// client and NuGet.Protocol, which would make the native image seven times larger and every command
/// start-up slower (rehydrating a 33 MB image took 10 ms before <c>validate</c> did anything); they wait
/// on a network anyway, where the host's JIT start is noise. The host inherits stdin, stdout and
/// stderr, and its exit code is returned as is.
/// </summary>
internal static class HostProcess
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "host", OperatingSystem.IsWindows() ? "skillrt.exe" : "skillrt");
        if (!File.Exists(host))
        {
            throw new CliException(
                ExitCodes.InternalError,
                $"this command runs in the host part of skillrt, and '{host}' is missing; reinstall the tool: dotnet tool uninstall -g SkillRt.Cli, then dotnet tool install -g SkillRt.Cli (dotnet tool update leaves an installed version as it is).");
        }

        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        foreach (var argument in Environment.GetCommandLineArgs().Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // The host is framework-dependent: point it at the runtime of the `dotnet` on PATH when the
        // environment does not say where .NET is (a dotnet tool is always installed by one).
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")) && ProgramLocator.FindOnPath("dotnet") is { } dotnet)
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet);
        }

        using var process = Process.Start(start) ?? throw new CliException(ExitCodes.InternalError, $"cannot start '{host}'.");
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C reached the host too (same process group); give it a moment to stop on its own.
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }

        return process.ExitCode;
    }
}
