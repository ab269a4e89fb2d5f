using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt install name@range</c> with sibling-skill dependencies, run as the real executable over
/// NuGet local folder feeds of real packages: transitive chains, diamonds, cycles, the conflict report
/// (nothing installed), <c>--json</c>, and a feed that is down.
/// </summary>
public sealed class InstallDependenciesTests : IDisposable
{
    private readonly SkillFolderFeed _feed = new();

    [Fact]
    public async Task A_transitive_chain_is_installed_with_the_highest_version_in_each_range()
    {
        _feed.Add("pr-review", "1.1.0", "diff-reader@^2.0")
            .Add("pr-review", "1.0.0", "diff-reader@~1.4")
            .Add("diff-reader", "2.1.0", "text-utils@~0.4")
            .Add("diff-reader", "1.4.3")
            .Add("text-utils", "0.5.0")
            .Add("text-utils", "0.4.2");
        using var cli = Cli();

        var result = await cli.RunAsync("install", "pr-review@^1.0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"Installed pr-review 1.1.0 to {cli.StoreEntry("pr-review", "1.1.0")}\n"
            + $"Installed diff-reader 2.1.0 to {cli.StoreEntry("diff-reader", "2.1.0")} (needed by pr-review 1.1.0)\n"
            + $"Installed text-utils 0.4.2 to {cli.StoreEntry("text-utils", "0.4.2")} (needed by diff-reader 2.1.0)\n",
            result.Output);
        Assert.Equal(SkillFolderFeed.SkillMarkdown("diff-reader", "2.1.0", "text-utils@~0.4"), File.ReadAllText(Path.Combine(cli.StoreEntry("diff-reader", "2.1.0"), "SKILL.md")));
        AssertStore(cli, "diff-reader/2.1.0", "pr-review/1.1.0", "text-utils/0.4.2");

        using var requests = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Home, "requests.json")));
        var skills = requests.RootElement.GetProperty("skills");
        Assert.Equal("^1.0", skills.GetProperty("pr-review").GetProperty("range").GetString());
        Assert.True(skills.GetProperty("pr-review").GetProperty("direct").GetBoolean());
        Assert.False(skills.GetProperty("text-utils").GetProperty("direct").GetBoolean());
    }

    [Fact]
    public async Task A_diamond_installs_one_version_both_sides_accept_and_json_says_who_needs_it()
    {
        _feed.Add("release-kit", "1.0.0", "changelog@^1.0", "notes@^1.0")
            .Add("changelog", "1.2.0", "text-utils@^1.2")
            .Add("notes", "1.0.0", "text-utils@~1.3")
            .Add("text-utils", "1.5.0")
            .Add("text-utils", "1.3.4")
            .Add("text-utils", "1.2.0");
        using var cli = Cli();

        var result = await cli.RunAsync("install", "release-kit", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("release-kit", json.RootElement.GetProperty("request").GetString());
        var skills = json.RootElement.GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(["release-kit 1.0.0", "changelog 1.2.0", "notes 1.0.0", "text-utils 1.3.4"], skills.Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("version").GetString()}"));
        var textUtils = skills[3];
        Assert.Equal("installed", textUtils.GetProperty("status").GetString());
        Assert.False(textUtils.GetProperty("requested").GetBoolean());
        Assert.Equal("text-utils", textUtils.GetProperty("package").GetString());
        Assert.Equal("1.3.4", textUtils.GetProperty("packageVersion").GetString());
        Assert.Equal(_feed.Describe, textUtils.GetProperty("source").GetString());
        Assert.Equal(cli.StoreEntry("text-utils", "1.3.4"), textUtils.GetProperty("path").GetString());
        Assert.Equal(["changelog@1.2.0", "notes@1.0.0"], textUtils.GetProperty("dependencyOf").EnumerateArray().Select(e => e.GetString()));
        Assert.True(skills[0].GetProperty("requested").GetBoolean());
        AssertStore(cli, "changelog/1.2.0", "notes/1.0.0", "release-kit/1.0.0", "text-utils/1.3.4");
    }

    [Fact]
    public async Task Two_dependents_that_want_incompatible_versions_install_nothing_and_name_both_chains()
    {
        _feed.Add("release-notes", "1.0.0", "diff-reader@~1.4")
            .Add("pr-review", "1.1.0", "diff-reader@^2.0")
            .Add("diff-reader", "2.1.0")
            .Add("diff-reader", "1.4.3");
        using var cli = Cli();
        Assert.Equal(0, (await cli.RunAsync("install", "release-notes@1.0.0")).ExitCode);
        var before = StoreContents(cli);

        var result = await cli.RunAsync("install", "pr-review@^1.1");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "skillrt: cannot install pr-review@^1.1: pr-review@1.1.0 needs diff-reader@^2.0; release-notes@1.0.0 (installed) needs diff-reader@~1.4; "
            + "no version of diff-reader satisfies both (found: 2.1.0, 1.4.3). Nothing was installed. Update or uninstall release-notes first "
            + "(skillrt update release-notes --latest, or skillrt uninstall release-notes), ask for another version of pr-review (skillrt outdated shows what the feeds have), "
            + "or ask the skills' authors to widen their ranges on diff-reader.\n",
            result.Error);
        Assert.Empty(result.Output);
        Assert.Equal(before, StoreContents(cli));
        AssertStore(cli, "diff-reader/1.4.3", "release-notes/1.0.0");
    }

    [Fact]
    public async Task A_dependency_cycle_installs_each_skill_once()
    {
        _feed.Add("ping", "1.2.0", "pong@^1.0").Add("pong", "1.1.0", "ping@^1.0");
        using var cli = Cli();

        var result = await cli.RunAsync("install", "ping");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"Installed ping 1.2.0 to {cli.StoreEntry("ping", "1.2.0")}\nInstalled pong 1.1.0 to {cli.StoreEntry("pong", "1.1.0")} (needed by ping 1.2.0)\n",
            result.Output);
        AssertStore(cli, "ping/1.2.0", "pong/1.1.0");
    }

    [Fact]
    public async Task A_missing_dependency_installs_nothing()
    {
        _feed.Add("pr-review", "1.0.0", "diff-reader@^2.0");
        using var cli = Cli();

        var result = await cli.RunAsync("install", "pr-review");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("skillrt: cannot install pr-review: pr-review@1.0.0 needs diff-reader@^2.0, but no version of diff-reader is on the feeds or installed. Nothing was installed.", result.Error, StringComparison.Ordinal);
        AssertStore(cli);
    }

    [Fact]
    public async Task A_feed_that_is_down_is_a_feed_error_and_installs_nothing()
    {
        using var cli = new SkillCli();
        cli.Environment["NUGET_ENHANCED_NETWORK_RETRY_DELAY_MILLISECONDS"] = "10";
        using var closed = LoopbackPorts.ReserveClosed(out var port);
        var url = $"http://127.0.0.1:{port}/v3/index.json";
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="skills" value="{_feed.Folder}" /><add key="offline" value="{url}" />""");
        _feed.Add("pr-review", "1.0.0");

        var result = await cli.RunAsync("install", "pr-review");

        Assert.Equal(7, result.ExitCode);
        Assert.StartsWith($"skillrt: cannot read the feed 'offline' ({url}):", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        AssertStore(cli);
    }

    public void Dispose() => _feed.Dispose();

    private SkillCli Cli()
    {
        var cli = new SkillCli();
        _feed.WriteNuGetConfig(cli.WorkingDirectory);
        return cli;
    }

    /// <summary>The store holds exactly these <c>name/version</c> entries, and nothing is left in staging.</summary>
    internal static void AssertStore(SkillCli cli, params string[] entries)
    {
        var skills = Path.Combine(cli.Home, "skills");
        var found = Directory.Exists(skills)
            ? Directory.EnumerateDirectories(skills).SelectMany(Directory.EnumerateDirectories).Select(p => Path.GetRelativePath(skills, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.Equal(entries, found);
        var staging = Path.Combine(cli.Home, ".staging");
        Assert.Empty(Directory.Exists(staging) ? Directory.EnumerateFileSystemEntries(staging) : []);
    }

    /// <summary>Every file and folder under the store, with each file's text: equal before and after means nothing changed.</summary>
    internal static string[] StoreContents(SkillCli cli) =>
        Directory.EnumerateFileSystemEntries(cli.Home, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != ".lock")
            .Select(p => Path.GetRelativePath(cli.Home, p).Replace('\\', '/') + (File.Exists(p) ? ":" + File.ReadAllText(p) : string.Empty))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
