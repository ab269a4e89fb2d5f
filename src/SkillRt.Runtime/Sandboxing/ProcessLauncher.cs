using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Sandboxing;

/// <summary>
/// Starts processes from one thread that lives as long as the application.
/// </summary>
/// <remarks>
/// bubblewrap's <c>--die-with-parent</c> is the kernel's parent-death signal, and the kernel sends it
/// when the <em>thread</em> that started the child ends, not the process. Started from a thread-pool
/// thread, which retires after a quiet spell, a long-running sandboxed process would be killed for
/// no reason; started from here, it dies only with the application.
/// </remarks>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Pending = [];

    static ProcessLauncher()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "SkillRt process launcher" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="process"/> on the launcher thread.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Pending.Add((process, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (process, started) in Pending.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
#pragma warning disable CA1031 // Every failure belongs to the caller, and the thread must keep serving.
            catch (Exception e)
#pragma warning restore CA1031
            {
                started.SetException(e);
            }
        }
    }
}
