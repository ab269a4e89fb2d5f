using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>Issue 14 item 13: the <c>skillrt-*</c> temporary folders of killed runs are removed by a later run, and nothing else is.</summary>
public sealed class TempFolderJanitorTests
{
    [Fact]
    public async Task The_folder_of_a_killed_run_is_removed_while_a_live_runs_folder_and_foreign_folders_survive()
    {
        SandboxTools.RequireUnix();
        var flock = ProgramLocator.Find("flock", null, "/");
        Assert.SkipWhen(flock is null, "flock (util-linux) is not installed");
        using var root = new SandboxTestFolder();
        var temp = root.Root;

        // A real process makes its folder, locks it the way a run does (flock(2), as .NET's
        // FileShare.None), says so, and is SIGKILLed. The lock is on the process's own descriptor 9,
        // so once the process is reaped the lock is gone: with `flock FILE -c CMD` a forked child held
        // it too, and could still be exiting when the janitor looked.
        var killed = Path.Combine(temp, "skillrt-killed");
        var startInfo = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", $"mkdir -p \"$1/tmp\" && exec 9>\"$1/owner.lock\" && {flock} 9 && echo locked && exec sleep 60", "sh", killed])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using (var owner = Process.Start(startInfo)!)
        {
            Assert.Equal("locked", await owner.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

            // While it lives, its folder is in use.
            Assert.Equal(0, TempFolderJanitor.RemoveAbandoned(temp));
            Assert.True(Directory.Exists(killed));

            owner.Kill(entireProcessTree: true);
            await owner.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // What the killed run left: a file, and links out of the folder that deleting must not follow.
        var outside = root.WriteFile("outside/keep.txt", "not SkillRt's");
        File.WriteAllText(Path.Combine(killed, "tmp", "scratch.txt"), "left behind");
        File.CreateSymbolicLink(Path.Combine(killed, "tmp", "link-to-file"), outside);
        Directory.CreateSymbolicLink(Path.Combine(killed, "tmp", "link-to-folder"), Path.GetDirectoryName(outside)!);

        // A live run's folder, made by the same code a run uses.
        using var live = PrivateTempFolder.Create(NullLogger.Instance, temp);

        // Folders SkillRt did not make, or that are not what they seem: no owner lock, a link in its
        // place, a folder reached through a link.
        var foreign = Directory.CreateDirectory(Path.Combine(temp, "skillrt-foreign")).FullName;
        var target = Directory.CreateDirectory(Path.Combine(temp, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(target, PrivateTempFolder.OwnerLockName), string.Empty);
        Directory.CreateSymbolicLink(Path.Combine(temp, "skillrt-link"), target);
        var linkedLock = Directory.CreateDirectory(Path.Combine(temp, "skillrt-linked-lock")).FullName;
        File.CreateSymbolicLink(Path.Combine(linkedLock, PrivateTempFolder.OwnerLockName), Path.Combine(target, PrivateTempFolder.OwnerLockName));

        var removed = TempFolderJanitor.RemoveAbandoned(temp);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(killed));
        Assert.True(Directory.Exists(live.Path));
        Assert.Equal("not SkillRt's", File.ReadAllText(outside));
        Assert.True(Directory.Exists(foreign));
        Assert.True(File.Exists(Path.Combine(target, PrivateTempFolder.OwnerLockName)));
        Assert.True(Directory.Exists(Path.Combine(temp, "skillrt-link")));
        Assert.True(Directory.Exists(linkedLock));
    }

    [Fact]
    public void A_run_removes_its_own_folder_and_a_disposed_folder_is_not_mistaken_for_a_live_one()
    {
        using var root = new SandboxTestFolder();
        var folder = PrivateTempFolder.Create(NullLogger.Instance, root.Root);
        Assert.StartsWith(Path.Combine(root.Root, PrivateTempFolder.NamePrefix), folder.Root, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder.Path));

        folder.Dispose();

        Assert.False(Directory.Exists(folder.Root));
        Assert.Equal(0, TempFolderJanitor.RemoveAbandoned(root.Root));
    }
}
