using System;
using System.Runtime.InteropServices;

namespace SkillRt.Cli.Serving;

/// <summary>
/// Sends a signal to another process: .NET can only kill (SIGKILL), and a server must get the SIGTERM
/// or SIGINT that asks it to stop gracefully. A plain libc call, fine under Native AOT.
/// </summary>
internal static partial class UnixSignal
{
    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false when the process is gone.</summary>
    public static bool Send(int processId, PosixSignal signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // PosixSignal's values are .NET's own (negative); the numbers are the same on Linux and macOS.
        var number = signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGHUP, SIGINT, SIGQUIT and SIGTERM are forwarded."),
        };
        return Kill(processId, number) == 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
