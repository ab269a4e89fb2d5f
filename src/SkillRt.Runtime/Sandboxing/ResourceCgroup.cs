using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace SkillRt.Sandboxing;

/// <summary>
/// A control group of its own for one sandboxed process and everything it starts, limiting how many
/// processes they run (<c>pids</c>) and how much memory they use together (<c>memory</c>). Made
/// under the application's own cgroup, in cgroup v1 or v2, wherever that is writable (as root, or in
/// a delegated subtree); <see cref="TryCreate"/> says why not when it is not.
/// </summary>
/// <remarks>
/// The process joins the group before it runs the program (<see cref="ResourceLimiter"/> writes its
/// id to <see cref="ProcessFiles"/> from a shell that then becomes the program), so nothing it
/// starts can escape the limit. <see cref="Dispose"/> kills what is left in the group and removes it.
/// </remarks>
internal sealed class ResourceCgroup : IDisposable
{
    /// <summary>Every group SkillRt makes is named <c>skillrt-{pid}-{n}</c>: the pid says whose it is once its owner is gone.</summary>
    public const string NamePrefix = "skillrt-";

    private static int s_counter;

    // One folder per cgroup v1 hierarchy (pids and memory are usually mounted apart), or one for v2.
    private readonly List<Group> _groups;

    private ResourceCgroup(List<Group> groups) => _groups = groups;

    /// <summary>Whether the number of processes is limited by the group.</summary>
    public bool LimitsProcesses => _groups.Any(group => group.Pids);

    /// <summary>Whether the memory of all the processes together is limited by the group.</summary>
    public bool LimitsMemory => _groups.Any(group => group.Memory);

    /// <summary>The <c>cgroup.procs</c> files a process writes its id to, to join the group.</summary>
    public IReadOnlyList<string> ProcessFiles => _groups.Select(group => Path.Combine(group.Directory, "cgroup.procs")).ToArray();

    /// <summary>
    /// Makes a group with the limits, or returns <see langword="null"/> with the reason when this
    /// process may not (no cgroup file system, not writable, controllers not delegated).
    /// </summary>
    /// <param name="limits">The limits to set.</param>
    /// <param name="problem">Why no group could be made, or which controller is missing.</param>
    /// <param name="procRoot">Where <c>/proc</c> is (tests point it elsewhere).</param>
    public static ResourceCgroup? TryCreate(ProcessLimits limits, out string? problem, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!OperatingSystem.IsLinux())
        {
            problem = "control groups exist on Linux only";
            return null;
        }

        List<Mount> mounts;
        Dictionary<string, string> ownPaths;
        try
        {
            mounts = ReadMounts(Path.Combine(procRoot, "self", "mountinfo"));
            ownPaths = ReadOwnPaths(Path.Combine(procRoot, "self", "cgroup"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = "the cgroup mounts could not be read: " + e.Message;
            return null;
        }

        var name = NamePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture);
        var groups = new List<Group>();
        var problems = new List<string>();
        var missing = new List<string>();
        foreach (var controller in (string[])["pids", "memory"])
        {
            var v1 = mounts.FirstOrDefault(mount => !mount.Unified && mount.Controllers.Contains(controller));
            if (v1 is not null && ownPaths.TryGetValue(controller, out var ownV1))
            {
                if (CreateV1(v1, ownV1, name, controller, limits, problems) is { } group)
                {
                    groups.Add(group);
                }

                continue;
            }

            missing.Add(controller);
        }

        var unified = mounts.FirstOrDefault(mount => mount.Unified);
        if (missing.Count > 0 && unified is not null && ownPaths.TryGetValue(string.Empty, out var ownV2))
        {
            if (CreateV2(unified, ownV2, name, missing, limits, problems) is { } group)
            {
                groups.Add(group);
                missing.RemoveAll(controller => controller == "pids" ? group.Pids : group.Memory);
            }
        }

        foreach (var controller in missing)
        {
            problems.Add($"no writable cgroup has the {controller} controller");
        }

        problem = problems.Count == 0 ? null : string.Join("; ", problems.Distinct(StringComparer.Ordinal));
        return groups.Count == 0 ? null : new ResourceCgroup(groups);
    }

    /// <summary>The limit the group's processes hit, read from the kernel's counters, or <see langword="null"/>.</summary>
    public SkillResourceLimit? Exceeded()
    {
        foreach (var group in _groups)
        {
            if (group.Memory && Counter(group.Directory, group.Unified ? "memory.events" : "memory.oom_control", "oom_kill") > 0)
            {
                return SkillResourceLimit.Memory;
            }
        }

        foreach (var group in _groups)
        {
            if (group.Pids && Counter(group.Directory, "pids.events", "max") > 0)
            {
                return SkillResourceLimit.Processes;
            }
        }

        return null;
    }

    /// <summary>Kills every process still in the group and removes it.</summary>
    public void Dispose()
    {
        foreach (var group in _groups)
        {
            Remove(group.Directory);
        }
    }

    /// <summary>
    /// Removes the groups of SkillRt processes that are gone (killed before they could remove their
    /// own) from <paramref name="parent"/>: only folders named <c>skillrt-{pid}-{n}</c> whose pid is
    /// not running and that hold no process.
    /// </summary>
    internal static void RemoveAbandoned(string parent)
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(parent, NamePrefix + "*"))
            {
                var parts = Path.GetFileName(folder)[NamePrefix.Length..].Split('-');
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && pid != Environment.ProcessId && !Directory.Exists("/proc/" + parts[0]) && Members(folder).Count == 0)
                {
                    TryRemoveDirectory(folder);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to tidy, or gone meanwhile.
        }
    }

    private static Group? CreateV1(Mount mount, string ownPath, string name, string controller, ProcessLimits limits, List<string> problems)
    {
        var parent = Under(mount, ownPath);
        RemoveAbandoned(parent);
        var directory = Path.Combine(parent, name);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{parent} is not writable ({e.Message})");
            return null;
        }

        try
        {
            if (controller == "pids")
            {
                File.WriteAllText(Path.Combine(directory, "pids.max"), limits.MaxProcesses.ToString(CultureInfo.InvariantCulture));
                return new Group(directory, Unified: false, Pids: true, Memory: false);
            }

            var bytes = limits.MaxMemoryBytes.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(directory, "memory.limit_in_bytes"), bytes);

            // Without a swap limit the processes would page out instead of being stopped; the file
            // exists only when the kernel accounts swap.
            TryWrite(Path.Combine(directory, "memory.memsw.limit_in_bytes"), bytes);
            return new Group(directory, Unified: false, Pids: false, Memory: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the {controller} limit could not be set in {directory} ({e.Message})");
            TryRemoveDirectory(directory);
            return null;
        }
    }

    private static Group? CreateV2(Mount mount, string ownPath, string name, List<string> controllers, ProcessLimits limits, List<string> problems)
    {
        var parent = Under(mount, ownPath);
        var available = ReadWords(Path.Combine(parent, "cgroup.controllers"));
        var wanted = controllers.Where(available.Contains).ToList();
        if (wanted.Count == 0)
        {
            return null;
        }

        // A child gets a controller's files only when its parent delegates it. The kernel refuses
        // that for a non-root group that holds processes itself, which is why this often fails
        // outside a delegated (systemd) subtree.
        var enabled = ReadWords(Path.Combine(parent, "cgroup.subtree_control"));
        foreach (var controller in wanted.Where(controller => !enabled.Contains(controller)).ToList())
        {
            if (!TryWrite(Path.Combine(parent, "cgroup.subtree_control"), "+" + controller))
            {
                problems.Add($"the {controller} controller cannot be enabled for groups under {parent}");
                wanted.Remove(controller);
            }
        }

        if (wanted.Count == 0)
        {
            return null;
        }

        RemoveAbandoned(parent);
        var directory = Path.Combine(parent, name);
        try
        {
            Directory.CreateDirectory(directory);
            if (wanted.Contains("pids"))
            {
                File.WriteAllText(Path.Combine(directory, "pids.max"), limits.MaxProcesses.ToString(CultureInfo.InvariantCulture));
            }

            if (wanted.Contains("memory"))
            {
                File.WriteAllText(Path.Combine(directory, "memory.max"), limits.MaxMemoryBytes.ToString(CultureInfo.InvariantCulture));
                TryWrite(Path.Combine(directory, "memory.swap.max"), "0");
            }

            return new Group(directory, Unified: true, Pids: wanted.Contains("pids"), Memory: wanted.Contains("memory"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{parent} is not writable ({e.Message})");
            TryRemoveDirectory(directory);
            return null;
        }
    }

    private static void Remove(string directory)
    {
        // cgroup v2 (5.14 and later) kills the whole group at once; elsewhere each member is killed
        // until none is left. The pids limit keeps a fork loop from outrunning that.
        TryWrite(Path.Combine(directory, "cgroup.kill"), "1");
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var members = Members(directory);
            if (members.Count == 0 || stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                break;
            }

            foreach (var pid in members)
            {
                Kill(pid);
            }

            // The kernel removes a killed process from the group once it has been reaped.
            Thread.Sleep(5);
        }

        TryRemoveDirectory(directory);
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It has exited already.
        }
    }

    private static List<int> Members(string directory)
    {
        var members = new List<int>();
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(directory, "cgroup.procs")))
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    members.Add(pid);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already.
        }

        return members;
    }

    /// <summary>The value after <paramref name="key"/> in a flat-keyed file such as <c>pids.events</c> (<c>max 3</c>).</summary>
    private static long Counter(string directory, string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(directory, file)))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>The folder of the cgroup at <paramref name="ownPath"/> in the hierarchy mounted at <paramref name="mount"/>.</summary>
    private static string Under(Mount mount, string ownPath)
    {
        // Inside a container the mount's root is often the container's own group, and the path in
        // /proc/self/cgroup is relative to it already (a cgroup namespace) or starts with it.
        var relative = mount.Root != "/" && (ownPath == mount.Root || ownPath.StartsWith(mount.Root + "/", StringComparison.Ordinal))
            ? ownPath[mount.Root.Length..]
            : ownPath;
        return Path.Join(mount.MountPoint, relative.TrimStart('/'));
    }

    /// <summary>The cgroup file systems, from <c>mountinfo</c>: <c>id parent dev root mountpoint options [optional...] - type source superoptions</c>.</summary>
    private static List<Mount> ReadMounts(string mountInfo)
    {
        var mounts = new List<Mount>();
        foreach (var line in File.ReadLines(mountInfo))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 3 >= fields.Length)
            {
                continue;
            }

            var type = fields[separator + 1];
            if (type is not ("cgroup" or "cgroup2"))
            {
                continue;
            }

            var options = fields[separator + 3].Split(',');
            if (fields[5].Split(',').Contains("ro"))
            {
                continue;
            }

            mounts.Add(new Mount(Unescape(fields[3]), Unescape(fields[4]), type == "cgroup2", options.ToHashSet(StringComparer.Ordinal)));
        }

        return mounts;
    }

    /// <summary>This process's group per v1 controller, and its v2 group under the empty key, from <c>/proc/self/cgroup</c>.</summary>
    private static Dictionary<string, string> ReadOwnPaths(string cgroupFile)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(cgroupFile))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            if (parts[0] == "0" && parts[1].Length == 0)
            {
                paths[string.Empty] = parts[2];
                continue;
            }

            foreach (var controller in parts[1].Split(','))
            {
                paths[controller] = parts[2];
            }
        }

        return paths;
    }

    private static HashSet<string> ReadWords(string file)
    {
        try
        {
            return File.ReadAllText(file).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool TryWrite(string file, string text)
    {
        try
        {
            if (!File.Exists(file))
            {
                return false;
            }

            File.WriteAllText(file, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryRemoveDirectory(string directory)
    {
        try
        {
            // A cgroup folder is removed with rmdir, control files and all, once no process is in it.
            Directory.Delete(directory, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process that could not be killed is still in it, or it is gone already.
        }
    }

    // mountinfo writes spaces, tabs, newlines and backslashes in paths as octal escapes.
    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);

    private sealed record Mount(string Root, string MountPoint, bool Unified, HashSet<string> Controllers);

    private sealed record Group(string Directory, bool Unified, bool Pids, bool Memory);
}
