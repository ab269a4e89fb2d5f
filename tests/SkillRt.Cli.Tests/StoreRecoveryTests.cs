using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// Store writers killed (SIGKILL: nothing of theirs runs afterwards) at exactly the moments the
/// store must survive, held there by the store's test pause points: the next command, whatever it
/// is, finds a consistent store, finishes or undoes what was interrupted, and removes what the dead
/// process left in <c>.staging/</c>, never what a live one is using.
/// </summary>
public sealed class StoreRecoveryTests : IDisposable
{
    private const string Old = "---\nname: greeter\ndescription: Greets someone.\nversion: 1.0.0\n---\nSay hello.\n";
    private const string New = "---\nname: greeter\ndescription: Greets someone warmly.\nversion: 1.0.0\n---\nSay hello, warmly.\n";

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Staging => Path.Combine(_cli.Home, ".staging");

    [Fact]
    public async Task A_force_install_killed_between_its_renames_is_undone_by_the_next_command()
    {
        await InstallOldThenStageNewAsync();
        using var install = await PausedSkill.StartAsync(_cli, "between-renames", "install", "greeter", "--force");

        // The window the report found: the version is in neither place, the old copy aside in .staging.
        Assert.False(Directory.Exists(_cli.StoreEntry("greeter", "1.0.0")));
        Assert.Single(Directory.EnumerateFiles(Staging, "*.replacing"));
        Assert.Single(Directory.EnumerateDirectories(Staging, "*.old"));
        await install.KillAsync();

        var list = await _cli.RunAsync("list");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("NAME     VERSION  DESCRIPTION\ngreeter  1.0.0    Greets someone.\n", list.Output);
        Assert.Equal(Old, File.ReadAllText(Path.Combine(_cli.StoreEntry("greeter", "1.0.0"), "SKILL.md")));
        AssertStagingEmpty();

        // And the store takes the replacement again.
        var again = await _cli.RunAsync("install", "greeter", "--force");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(New, File.ReadAllText(Path.Combine(_cli.StoreEntry("greeter", "1.0.0"), "SKILL.md")));
        AssertStagingEmpty();
    }

    [Fact]
    public async Task A_force_install_killed_after_its_renames_is_finished_by_the_next_command()
    {
        await InstallOldThenStageNewAsync();
        _cli.WriteFile("other/SKILL.md", "---\nname: other\ndescription: Another.\nversion: 2.0.0\n---\nO.\n");
        using var install = await PausedSkill.StartAsync(_cli, "after-renames", "install", "greeter", "--force");
        Assert.Single(Directory.EnumerateDirectories(Staging, "*.old"));
        await install.KillAsync();

        // The next command is a writer this time: it recovers under the lock before its own work.
        var next = await _cli.RunAsync("install", "other");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(New, File.ReadAllText(Path.Combine(_cli.StoreEntry("greeter", "1.0.0"), "SKILL.md")));
        AssertStagingEmpty();
        var list = await _cli.RunAsync("list");
        Assert.Equal("NAME     VERSION  DESCRIPTION\ngreeter  1.0.0    Greets someone warmly.\nother    2.0.0    Another.\n", list.Output);
    }

    [Fact]
    public async Task The_staging_folder_of_a_killed_install_is_removed_and_a_live_installs_is_not()
    {
        _cli.WriteFile("alpha/SKILL.md", "---\nname: alpha\ndescription: First.\nversion: 1.0.0\n---\nA.\n");
        _cli.WriteFile("beta/SKILL.md", "---\nname: beta\ndescription: Second.\nversion: 1.0.0\n---\nB.\n");

        using var killed = await PausedSkill.StartAsync(_cli, "staged", "install", "alpha");
        var dead = Assert.Single(Directory.EnumerateDirectories(Staging));
        Assert.True(File.Exists(dead + ".owner"));
        // A staging folder's name has no dot, so it can never end in ".old" and pass for a retired copy.
        Assert.DoesNotContain('.', Path.GetFileName(dead));
        await killed.KillAsync();

        using var live = await PausedSkill.StartAsync(_cli, "staged", "install", "beta");
        var alive = Assert.Single(Directory.EnumerateDirectories(Staging), folder => folder != dead);

        var list = await _cli.RunAsync("list");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.False(Directory.Exists(dead), "the killed install's staging folder is still there");
        Assert.False(File.Exists(dead + ".owner"));
        Assert.True(File.Exists(Path.Combine(alive, "SKILL.md")), "the live install's staged copy was touched");
        Assert.True(File.Exists(alive + ".owner"));

        // The live install goes on as if nothing happened.
        var installed = await live.ResumeAsync();
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Equal($"Installed beta 1.0.0 to {_cli.StoreEntry("beta", "1.0.0")}\n", installed.Output);
        AssertStagingEmpty();
    }

    [Fact]
    public async Task A_staging_folder_left_by_an_older_skill_without_an_owner_file_is_removed()
    {
        var orphan = Path.Combine(Staging, "abcdefgh.ijk");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "SKILL.md"), Old);
        Directory.CreateDirectory(Path.Combine(Staging, "qrstuvwx.yz0.old"));

        var list = await _cli.RunAsync("list");

        Assert.True(list.ExitCode == 0, list.ToString());
        AssertStagingEmpty();
    }

    private async Task InstallOldThenStageNewAsync()
    {
        _cli.WriteFile("greeter/SKILL.md", Old);
        var first = await _cli.RunAsync("install", "greeter");
        Assert.True(first.ExitCode == 0, first.ToString());
        _cli.WriteFile("greeter/SKILL.md", New);
    }

    private void AssertStagingEmpty() =>
        Assert.Empty(Directory.Exists(Staging) ? Directory.EnumerateFileSystemEntries(Staging).Select(Path.GetFileName) : []);
}
