using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SkillRt.Sandboxing;

/// <summary>
/// Puts a process under its <see cref="ProcessLimits"/> before it starts, and tells afterwards
/// whether a failure was one of them. The command is wrapped: a shell joins the process to its
/// <see cref="ResourceCgroup"/> (process count and memory, all processes together) and becomes
/// <c>prlimit</c>, which sets the rlimits (CPU time per process always; process count and memory
/// when no cgroup limits them) and becomes the command. Each step is an <c>exec</c>, so the process
/// id the sandbox watches and kills stays the same.
/// </summary>
internal sealed class ResourceLimiter : IDisposable
{
    /// <summary>What the wrapping shell prints before it gives up; the sandbox reports it as a sandbox failure.</summary>
    public const string JoinFailure = "skillrt-limits:";

    // SIGXCPU, which the kernel sends at the soft CPU limit; a program that ignores it gets SIGKILL a second later.
    private const int CpuLimitExitCode = 128 + 24;

    private const string JoinScript =
        """
        while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
          echo "$$" > "$1" || { echo "skillrt-limits: the process could not join its control group ($1)" >&2; exit 125; }
          shift
        done
        shift
        exec "$@"
        """;

    private static readonly Lazy<string?> PrlimitOnPath = new(() => OperatingSystem.IsLinux() ? ProgramLocator.Find("prlimit", null, "/") : null);
    private static readonly Lazy<string?> ShellOnPath = new(() => File.Exists("/bin/sh") ? "/bin/sh" : ProgramLocator.Find("sh", null, "/"));
    private static readonly Lazy<int?> OwnUserId = new(ReadOwnUserId);

    // Each reason limits are not fully enforced is logged once per application, not once per process.
    private static readonly ConcurrentDictionary<string, bool> Warned = new(StringComparer.Ordinal);

    private readonly ProcessLimits _limits;
    private readonly ResourceCgroup? _cgroup;
    private readonly bool _memoryByRlimit;
    private readonly bool _processesByRlimit;
    private readonly bool _cpuByRlimit;

    private ResourceLimiter(ProcessLimits limits, ResourceCgroup? cgroup, bool memoryByRlimit, bool processesByRlimit, bool cpuByRlimit)
    {
        _limits = limits;
        _cgroup = cgroup;
        _memoryByRlimit = memoryByRlimit;
        _processesByRlimit = processesByRlimit;
        _cpuByRlimit = cpuByRlimit;
    }

    /// <summary>How each limit is enforced, for logs and tests: <c>processes=cgroup memory=rlimit cpu=rlimit</c>.</summary>
    public string Enforcement =>
        $"processes={(_cgroup?.LimitsProcesses == true ? "cgroup" : _processesByRlimit ? "rlimit" : "none")} "
        + $"memory={(_cgroup?.LimitsMemory == true ? "cgroup" : _memoryByRlimit ? "rlimit" : "none")} cpu={(_cpuByRlimit ? "rlimit" : "none")}";

    /// <summary>Rewrites <paramref name="startInfo"/> so the process starts under <paramref name="limits"/>.</summary>
    /// <param name="startInfo">The command as it would run without limits; its file name and arguments are replaced.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="skillName">For the warning when a limit cannot be enforced here.</param>
    /// <param name="logger">Receives that warning.</param>
    /// <param name="useCgroups">Whether to try cgroups; tests turn it off to exercise the rlimit fallback.</param>
    public static ResourceLimiter Apply(ProcessStartInfo startInfo, ProcessLimits limits, string skillName, ILogger logger, bool useCgroups = true)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(limits);
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere nothing here applies; docs/security.md says so.
            Warn(logger, skillName, "resource limits are enforced on Linux only");
            return new ResourceLimiter(limits, null, false, false, false);
        }

        string? problem = null;
        var cgroup = useCgroups ? ResourceCgroup.TryCreate(limits, out problem) : null;
        var prlimit = PrlimitOnPath.Value;
        var shell = ShellOnPath.Value;
        if (cgroup is not null && shell is null)
        {
            cgroup.Dispose();
            cgroup = null;
            problem = "no /bin/sh to join the control group with";
        }

        var memoryByRlimit = prlimit is not null && cgroup?.LimitsMemory != true;
        var cpuByRlimit = prlimit is not null;

        // RLIMIT_NPROC counts every thread of the user, not just the skill's, and the kernel does not
        // apply it to root at all: it is the fallback for ordinary users only, set above what the
        // user already runs.
        var processesByRlimit = false;
        long? processRlimit = null;
        if (prlimit is not null && cgroup?.LimitsProcesses != true && OwnUserId.Value is { } uid and not 0)
        {
            processRlimit = ThreadsOfUser(uid) + limits.MaxProcesses;
            processesByRlimit = true;
        }

        if (cgroup?.LimitsProcesses != true && !processesByRlimit)
        {
            Warn(logger, skillName, OwnUserId.Value == 0
                ? $"the process count is not limited: no writable cgroup ({problem ?? "none found"}), and the kernel does not apply RLIMIT_NPROC to root"
                : $"the process count is not limited: no writable cgroup ({problem ?? "none found"}) and prlimit (util-linux) is not installed");
        }

        if (cgroup?.LimitsMemory != true && !memoryByRlimit)
        {
            Warn(logger, skillName, "memory is not limited: no writable cgroup and prlimit (util-linux) is not installed");
        }

        if (!cpuByRlimit)
        {
            Warn(logger, skillName, "CPU time is not limited: prlimit (util-linux) is not installed");
        }

        var command = new[] { startInfo.FileName }.Concat(startInfo.ArgumentList).ToList();
        if (prlimit is not null)
        {
            var wrapped = new System.Collections.Generic.List<string>
            {
                prlimit,
                $"--cpu={limits.CpuSeconds.ToString(CultureInfo.InvariantCulture)}:{(limits.CpuSeconds + 1).ToString(CultureInfo.InvariantCulture)}",
            };
            if (memoryByRlimit)
            {
                // RLIMIT_DATA, not RLIMIT_AS: runtimes such as .NET, Java and Go reserve far more
                // address space than they use, and fail at once under an address-space limit.
                wrapped.Add("--data=" + limits.MaxMemoryBytes.ToString(CultureInfo.InvariantCulture));
            }

            if (processRlimit is { } nproc)
            {
                wrapped.Add("--nproc=" + nproc.ToString(CultureInfo.InvariantCulture));
            }

            wrapped.Add("--");
            command = [.. wrapped, .. command];
        }

        if (cgroup is not null)
        {
            command = [shell!, "-c", JoinScript.ReplaceLineEndings("\n"), "skillrt-limits", .. cgroup.ProcessFiles, "--", .. command];
        }

        startInfo.FileName = command[0];
        startInfo.ArgumentList.Clear();
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new ResourceLimiter(limits, cgroup, memoryByRlimit, processesByRlimit, cpuByRlimit);
    }

    /// <summary>The wrapper's own error, when the process could not be put under its limits, or <see langword="null"/>.</summary>
    public static string? Failure(string standardError)
    {
        var index = standardError.IndexOf(JoinFailure, StringComparison.Ordinal);
        if (index < 0)
        {
            var text = standardError.TrimStart();
            return text.StartsWith("prlimit: ", StringComparison.Ordinal) ? FirstLine(text) : null;
        }

        return FirstLine(standardError[index..]);
    }

    /// <summary>
    /// The limit a failed process hit, or <see langword="null"/>: read from the cgroup's counters
    /// where there is one, else from how the process ended (SIGXCPU for CPU time; an allocation or
    /// fork failure on standard error for the rlimits, which only make the call fail).
    /// </summary>
    public SkillResourceLimit? Exceeded(int exitCode, string standardError)
    {
        if (exitCode == 0)
        {
            return null;
        }

        if (_cgroup?.Exceeded() is { } hit)
        {
            return hit;
        }

        if (_cpuByRlimit && exitCode == CpuLimitExitCode)
        {
            return SkillResourceLimit.CpuTime;
        }

        if (_memoryByRlimit && MentionsAny(standardError, "MemoryError", "Cannot allocate memory", "out of memory", "Out of memory", "OutOfMemory", "bad_alloc", "memory exhausted"))
        {
            return SkillResourceLimit.Memory;
        }

        if (_processesByRlimit && MentionsAny(standardError, "Cannot fork", "fork: retry", "fork: Resource temporarily unavailable", "BlockingIOError", "Resource temporarily unavailable"))
        {
            return SkillResourceLimit.Processes;
        }

        return null;
    }

    /// <summary>What hitting <paramref name="limit"/> means, its value and how to raise it; completes "The process of skill 'x' (prog) ...".</summary>
    public string Describe(SkillResourceLimit limit) => Describe(limit, _limits);

    /// <inheritdoc cref="Describe(SkillResourceLimit)"/>
    public static string Describe(SkillResourceLimit limit, ProcessLimits limits) => limit switch
    {
        SkillResourceLimit.Processes =>
            $"hit the process limit: it may run {limits.MaxProcesses.ToString(CultureInfo.InvariantCulture)} processes (threads included) at once, and starting another failed. "
            + "Raise SkillRunnerOptions.MaxProcesses (or SkillRunOptions.MaxProcesses for one run) if it needs more.",
        SkillResourceLimit.Memory =>
            $"hit the memory limit of {ProcessLimits.FormatBytes(limits.MaxMemoryBytes)} and was stopped or refused memory. "
            + "Raise SkillRunnerOptions.MaxProcessMemoryBytes (or SkillRunOptions.MaxProcessMemoryBytes for one run) if it needs more.",
        SkillResourceLimit.CpuTime =>
            $"used its CPU time limit of {limits.CpuSeconds.ToString(CultureInfo.InvariantCulture)} s and was killed. "
            + "Raise SkillRunnerOptions.MaxProcessCpuTime (or SkillRunOptions.MaxProcessCpuTime for one run) if it needs more.",
        _ =>
            $"wrote more than {ProcessLimits.FormatBytes(limits.MaxOutputBytes)} to standard output. "
            + "Raise SkillRunnerOptions.MaxProcessOutputBytes (or SkillRunOptions.MaxProcessOutputBytes for one run), or set runtime.allow-truncated-output: true in the skill if the start of the output is enough.",
    };

    /// <summary>Kills whatever is left in the cgroup and removes it.</summary>
    public void Dispose() => _cgroup?.Dispose();

    private static void Warn(ILogger logger, string skillName, string reason)
    {
        if (Warned.TryAdd(reason, true))
        {
            SandboxLog.LimitNotEnforced(logger, skillName, reason);
        }
    }

    private static bool MentionsAny(string text, params string[] phrases) =>
        phrases.Any(phrase => text.Contains(phrase, StringComparison.Ordinal));

    /// <summary>How many threads (what RLIMIT_NPROC counts) the user runs now.</summary>
    private static long ThreadsOfUser(int uid)
    {
        long threads = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                int? owner = null;
                long count = 1;
                foreach (var line in File.ReadLines(Path.Combine(folder, "status")))
                {
                    if (line.StartsWith("Uid:", StringComparison.Ordinal))
                    {
                        owner = int.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                    {
                        count = long.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
                    }
                }

                if (owner == uid)
                {
                    threads += count;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // It exited while we looked.
            }
        }

        return threads;
    }

    private static int? ReadOwnUserId()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
