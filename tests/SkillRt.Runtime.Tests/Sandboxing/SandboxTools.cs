using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>What the machine running the tests has, and sandboxes built from it.</summary>
internal static class SandboxTools
{
    public static string? Bubblewrap { get; } = OperatingSystem.IsLinux() ? ProgramLocator.Find("bwrap", null, "/") : null;

    public static string? Socat { get; } = OperatingSystem.IsLinux() ? ProgramLocator.Find("socat", null, "/") : null;

    public static string? Curl { get; } = OperatingSystem.IsWindows() ? null : ProgramLocator.Find("curl", null, "/");

    public static string? Bash { get; } = OperatingSystem.IsWindows() ? null : ProgramLocator.Find("bash", null, "/");

    /// <summary>Skips the test unless bubblewrap (and bash, which the scripts use) can run here.</summary>
    public static void RequireBubblewrap()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "bubblewrap sandboxes run on Linux only");
        Assert.SkipWhen(Bubblewrap is null, "bubblewrap is not installed (apt-get install bubblewrap)");
        Assert.SkipWhen(Bash is null, "bash is not installed");
    }

    /// <summary>Skips the test unless Unix shell scripts can run here (no sandbox needed).</summary>
    public static void RequireUnix()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test scripts are Unix shell scripts");
        Assert.SkipWhen(Bash is null, "bash is not installed");
    }

    public static ProcessSandbox Sandboxed(ILogger? logger = null) =>
        new(requireSandbox: true, logger ?? NullLogger.Instance, Bubblewrap, Socat);

    public static ProcessSandbox Unsandboxed(ILogger? logger = null) =>
        new(requireSandbox: false, logger ?? NullLogger.Instance, bubblewrapPath: null, socatPath: null);

    /// <summary>A number no other process has on its command line, to find a test's processes by (<c>sleep 30.12345</c>).</summary>
    public static string Marker() => "30." + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The host processes whose command line contains <paramref name="marker"/>.</summary>
    public static List<int> ProcessesWith(string marker)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // It exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>
    /// How long a test waits for a process to start or to be gone before it fails: generous, because a
    /// machine running every test project at once can take seconds for either, and the wait ends as soon as the condition holds.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>Waits up to <paramref name="grace"/> for <paramref name="condition"/>; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return true;
    }

    /// <summary>Whether a process with this (host) id is still alive: not exited, not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].First();
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
