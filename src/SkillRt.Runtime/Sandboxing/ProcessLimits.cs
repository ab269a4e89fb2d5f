using System;
using System.Globalization;
using System.Threading;

namespace SkillRt.Sandboxing;

/// <summary>
/// The resource limits of the processes one run starts: how many may run at once, how much memory
/// and CPU time they may use, and how much standard output a process skill may write.
/// </summary>
/// <param name="MaxProcesses">The most processes at once, the first included.</param>
/// <param name="MaxMemoryBytes">The most memory in bytes (all processes with cgroups; each process's data size otherwise).</param>
/// <param name="MaxCpuTime">The most CPU time per process.</param>
/// <param name="MaxOutputBytes">The most bytes of standard output a process skill may write.</param>
internal sealed record ProcessLimits(int MaxProcesses, long MaxMemoryBytes, TimeSpan MaxCpuTime, int MaxOutputBytes)
{
    /// <summary>Below this a program's own loader and libraries do not fit, and every run would fail for a reason that reads like the skill's fault.</summary>
    public const long MinimumMemoryBytes = 16L * 1024 * 1024;

    // The limits of the run in progress on this async flow, for the processes its tools start: the
    // built-in tools are shared between runs, so the run's own settings reach them this way.
    private static readonly AsyncLocal<ProcessLimits?> CurrentRun = new();

    /// <summary>The limits of a runner with default options.</summary>
    public static ProcessLimits Default { get; } = new(
        SkillRunnerOptions.DefaultMaxProcesses, SkillRunnerOptions.DefaultMaxProcessMemoryBytes, TimeSpan.FromMinutes(5), SkillRunnerOptions.DefaultMaxProcessOutputBytes);

    /// <summary>The limits of the run in progress on this async flow; <see langword="null"/> outside a run.</summary>
    public static ProcessLimits? Current
    {
        get => CurrentRun.Value;
        set => CurrentRun.Value = value;
    }

    /// <summary>The CPU time limit in whole seconds, rounded up, as <c>RLIMIT_CPU</c> counts it.</summary>
    public long CpuSeconds => Math.Max(1, (long)Math.Ceiling(MaxCpuTime.TotalSeconds));

    /// <summary>A call's setting wins over the runner's.</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="call"/> is out of range; the message names it.</exception>
    public static ProcessLimits Resolve(SkillRunnerOptions runner, SkillRunOptions? call)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (call is not null)
        {
            Check(call.MaxProcesses is < 1, nameof(SkillRunOptions.MaxProcesses), call.MaxProcesses, "use 1 or more");
            Check(call.MaxProcessMemoryBytes < MinimumMemoryBytes, nameof(SkillRunOptions.MaxProcessMemoryBytes), call.MaxProcessMemoryBytes, "use 16777216 (16 MiB) or more");
            Check(call.MaxProcessCpuTime <= TimeSpan.Zero, nameof(SkillRunOptions.MaxProcessCpuTime), call.MaxProcessCpuTime, "use a positive time such as 00:05:00");
            Check(call.MaxProcessOutputBytes is < 1, nameof(SkillRunOptions.MaxProcessOutputBytes), call.MaxProcessOutputBytes, "use 1 or more");
        }

        return new ProcessLimits(
            call?.MaxProcesses ?? runner.MaxProcesses,
            call?.MaxProcessMemoryBytes ?? runner.MaxProcessMemoryBytes,
            call?.MaxProcessCpuTime ?? runner.MaxProcessCpuTime,
            call?.MaxProcessOutputBytes ?? runner.MaxProcessOutputBytes);
    }

    /// <summary>A byte count for people: <c>1 GiB</c>, <c>64 MiB</c>, <c>1500 bytes</c>.</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => (bytes >> 30).ToString(CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static void Check<T>(bool bad, string name, T value, string advice)
    {
        if (bad)
        {
            throw new ArgumentException($"SkillRunOptions.{name} is {value}; {advice}.");
        }
    }
}
