using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using Xunit;
using static SkillRt.Cli.Tests.InstallDependenciesTests;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt outdated</c> and <c>skillrt update</c>, run as the real executable over a NuGet local
/// folder feed that gains versions after the install: installed, wanted and latest; updates within
/// the recorded range and with <c>--latest</c>; <c>--dry-run</c>; an installed dependent that blocks an
/// upgrade; a feed that is down.
/// </summary>
public sealed class OutdatedUpdateTests : IDisposable
{
    private readonly SkillFolderFeed _feed = new();

    [Fact]
    public async Task Outdated_shows_installed_wanted_and_latest_and_exits_0()
    {
        using var cli = await InstalledPrReviewAsync();
        PublishNewerVersions();

        var text = await cli.RunAsync("outdated");
        var json = await cli.RunAsync("outdated", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal(
            "NAME         INSTALLED  WANTED  LATEST  REQUEST\n"
            + "diff-reader  1.0.0      1.0.0   2.0.0   dependency of pr-review\n"
            + "pr-review    1.0.0      1.1.0   2.0.0   ^1.0\n",
            text.Output);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var rows = document.RootElement.GetProperty("skills").EnumerateArray()
            .Select(r => $"{r.GetProperty("name").GetString()} {r.GetProperty("installed").GetString()} {r.GetProperty("wanted").GetString()} {r.GetProperty("latest").GetString()} {r.GetProperty("request").GetString()} {r.GetProperty("outdated").GetBoolean()}");
        Assert.Equal(["diff-reader 1.0.0 1.0.0 2.0.0 dependency of pr-review True", "pr-review 1.0.0 1.1.0 2.0.0 ^1.0 True"], rows);
    }

    [Fact]
    public async Task Outdated_with_nothing_newer_says_so_and_exits_0()
    {
        using var cli = await InstalledPrReviewAsync();

        var result = await cli.RunAsync("outdated");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("All 2 installed skills are up to date with the feeds.\n", result.Output);
    }

    [Fact]
    public async Task Update_dry_run_says_what_would_change_and_changes_nothing()
    {
        using var cli = await InstalledPrReviewAsync();
        PublishNewerVersions();
        var before = StoreContents(cli);

        var result = await cli.RunAsync("update", "--dry-run");
        var json = await cli.RunAsync("update", "--dry-run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Would update pr-review 1.0.0 -> 1.1.0\nWould install text-utils 0.4.0 (needed by pr-review 1.1.0)\n", result.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.True(document.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["pr-review 1.0.0 1.1.0", "text-utils  0.4.0"], document.RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("from").GetString()} {c.GetProperty("to").GetString()}"));
        Assert.Equal(before, StoreContents(cli));
    }

    [Fact]
    public async Task Update_moves_to_wanted_with_new_dependencies_and_removes_the_old_version()
    {
        using var cli = await InstalledPrReviewAsync();
        PublishNewerVersions();

        var result = await cli.RunAsync("update");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Updated pr-review 1.0.0 -> 1.1.0\nInstalled text-utils 0.4.0 (needed by pr-review 1.1.0)\n", result.Output);
        AssertStore(cli, "diff-reader/1.0.0", "pr-review/1.1.0", "text-utils/0.4.0");
        Assert.Equal("Up to date: pr-review 1.1.0 is the newest that their ranges allow with dependencies that fit the installed skills (skillrt outdated shows newer ones).\n", (await cli.RunAsync("update", "pr-review")).Output);
    }

    [Fact]
    public async Task Update_latest_goes_past_the_range_takes_the_dependencies_along_and_records_the_new_range()
    {
        using var cli = await InstalledPrReviewAsync();
        PublishNewerVersions();

        var result = await cli.RunAsync("update", "pr-review", "--latest");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Updated pr-review 1.0.0 -> 2.0.0\nUpdated diff-reader 1.0.0 -> 2.0.0 (needed by pr-review 2.0.0)\n", result.Output);
        AssertStore(cli, "diff-reader/2.0.0", "pr-review/2.0.0");
        using var requests = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Home, "requests.json")));
        Assert.Equal("^2.0.0", requests.RootElement.GetProperty("skills").GetProperty("pr-review").GetProperty("range").GetString());
    }

    [Fact]
    public async Task An_installed_dependent_blocks_an_upgrade_it_cannot_take_and_nothing_changes()
    {
        using var cli = await InstalledPrReviewAsync();
        PublishNewerVersions();
        var before = StoreContents(cli);

        var result = await cli.RunAsync("update", "diff-reader", "--latest");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "skillrt: cannot update diff-reader: you asked for diff-reader@2.0.0; pr-review@1.0.0 (installed) needs diff-reader@^1.0; no version of diff-reader satisfies both (found: 2.0.0, 1.0.0). "
            + "Nothing was changed. Update or uninstall pr-review first (skillrt update pr-review --latest, or skillrt uninstall pr-review), ask for another version of diff-reader (skillrt outdated shows what the feeds have), "
            + "or ask the skills' authors to widen their ranges on diff-reader.\n",
            result.Error);
        Assert.Empty(result.Output);
        Assert.Equal(before, StoreContents(cli));
    }

    [Fact]
    public async Task A_name_that_is_not_installed_is_not_found()
    {
        using var cli = await InstalledPrReviewAsync();

        var result = await cli.RunAsync("update", "no-such-skill");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("skillrt: 'no-such-skill' is not installed, so there is nothing to update; install it with 'skillrt install no-such-skill', or see what is installed with 'skillrt list'.\n", result.Error);
    }

    [Fact]
    public async Task A_feed_that_is_down_is_a_feed_error_for_outdated_and_update()
    {
        using var cli = await InstalledPrReviewAsync();
        var before = StoreContents(cli);
        var missing = Path.Combine(cli.WorkingDirectory, "gone");
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="gone" value="{missing}" />""");

        var outdated = await cli.RunAsync("outdated");
        var update = await cli.RunAsync("update");

        var error = $"skillrt: the folder feed 'gone' ({missing}) does not exist; create it, or fix or disable the source in NuGet.config.\n";
        Assert.Equal((7, error), (outdated.ExitCode, outdated.Error));
        Assert.Equal((7, error), (update.ExitCode, update.Error));
        Assert.Equal(before, StoreContents(cli));
    }

    public void Dispose() => _feed.Dispose();

    /// <summary>pr-review 1.0.0 (needing diff-reader ^1.0) installed from the feed as pr-review@^1.0, with diff-reader 1.0.0.</summary>
    private async Task<SkillCli> InstalledPrReviewAsync()
    {
        _feed.Add("pr-review", "1.0.0", "diff-reader@^1.0").Add("diff-reader", "1.0.0");
        var cli = new SkillCli();
        _feed.WriteNuGetConfig(cli.WorkingDirectory);
        var install = await cli.RunAsync("install", "pr-review@^1.0");
        Assert.True(install.ExitCode == 0, install.ToString());
        return cli;
    }

    /// <summary>After the install: pr-review 1.1.0 (with a new dependency) and 2.0.0 (needing diff-reader 2), and diff-reader 2.0.0.</summary>
    private void PublishNewerVersions() =>
        _feed.Add("pr-review", "1.1.0", "diff-reader@^1.0", "text-utils@~0.4")
            .Add("pr-review", "2.0.0", "diff-reader@^2.0")
            .Add("diff-reader", "2.0.0")
            .Add("text-utils", "0.4.0");
}
