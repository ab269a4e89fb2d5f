using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt list</c>, <c>skillrt where</c> and <c>skillrt uninstall</c> over a store laid out by hand.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_of_an_empty_store_says_how_to_install()
    {
        var result = await _cli.RunAsync("list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"No skills are installed in '{Path.Combine(_cli.Home, "skills")}'. Install one with 'skillrt install <path|package.nupkg|name@range>'.\n", result.Output);

        var json = await _cli.RunAsync("list", "--format", "json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(0, document.RootElement.GetProperty("skills").GetArrayLength());
    }

    [Fact]
    public async Task List_sorts_by_name_then_semver_precedence()
    {
        Install("beta", "1.0.0", "Second by name.");
        Install("alpha", "2.0.0", "Newest.");
        Install("alpha", "1.10.0", "Ten is more than two.");
        Install("alpha", "1.2.0", "Oldest.");
        Install("alpha", "2.0.0-rc.1", "Before 2.0.0.");

        var result = await _cli.RunAsync("list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            NAME   VERSION     DESCRIPTION
            alpha  1.2.0       Oldest.
            alpha  1.10.0      Ten is more than two.
            alpha  2.0.0-rc.1  Before 2.0.0.
            alpha  2.0.0       Newest.
            beta   1.0.0       Second by name.

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Long_descriptions_are_cut_to_the_width_and_json_keeps_them_whole()
    {
        var description = string.Join(' ', Enumerable.Repeat("Reviews a pull request for correctness, security and style.", 7));
        Install("pr-review", "1.2.0", description);
        Install("lint", "1.0.0", "Short.");
        _cli.Environment["COLUMNS"] = null;

        var narrow = await _cli.RunAsync("list");
        _cli.Environment["COLUMNS"] = "120";
        var wide = await _cli.RunAsync("list");
        var json = await _cli.RunAsync("list", "--format", "json");

        Assert.True(description.Length > 400, description.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, narrow.ExitCode);
        var lines = narrow.Output.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} characters: {line}"));
        var cut = Assert.Single(lines, l => l.StartsWith("pr-review ", StringComparison.Ordinal));
        Assert.Equal(80, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "lint       1.0.0    Short.");
        var wideLine = Assert.Single(wide.Output.Split('\n'), l => l.StartsWith("pr-review ", StringComparison.Ordinal));
        Assert.Equal(120, wideLine.Length);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Contains(document.RootElement.GetProperty("skills").EnumerateArray(), s => s.GetProperty("description").GetString() == description);
    }

    [Fact]
    public async Task Damaged_entries_are_listed_as_damaged_and_never_stop_the_listing()
    {
        Install("good", "1.0.0", "Fine.");
        Directory.CreateDirectory(_cli.StoreEntry("no-file", "1.0.0"));
        WriteEntry("broken", "1.0.0", "---\nname: broken\nversion: 1.0\ndescription: d\n---\n");
        Install("wrong-version", "1.0.0", "Claims another version.", declaredVersion: "1.0.1");
        WriteEntry("not-a-version", "latest", "---\nname: not-a-version\ndescription: d\n---\n");
        WriteEntry("binary", "1.0.0", "\0\u0001\u0002 not text");

        var result = await _cli.RunAsync("list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(["NAME", "binary", "broken", "good", "no-file", "not-a-version", "wrong-version"], lines.Select(l => l.Split(' ')[0]));
        Assert.Contains(lines, l => l.StartsWith("good ", StringComparison.Ordinal) && l.EndsWith("Fine.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("no-file ", StringComparison.Ordinal) && l.Contains("(damaged) SKILL.md is missing", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.Contains("  (damaged) ", StringComparison.Ordinal)));

        // The table cuts long problems to fit its width; stderr has each one whole.
        var warnings = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("skillrt: warning: damaged entry", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, warnings.Count);
        Assert.Contains(warnings, l => l.Contains("broken", StringComparison.Ordinal) && l.Contains("error SKILL0107", StringComparison.Ordinal));
        Assert.Contains(warnings, l => l.Contains("wrong-version", StringComparison.Ordinal) && l.Contains("has version 1.0.1, not 1.0.0", StringComparison.Ordinal));
        Assert.Contains(warnings, l => l.Contains("not-a-version", StringComparison.Ordinal) && l.Contains("'latest' is not a version", StringComparison.Ordinal));

        var json = await _cli.RunAsync("list", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var skills = document.RootElement.GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(6, skills.Count);
        Assert.Equal(["good"], skills.Where(s => !s.GetProperty("damaged").GetBoolean()).Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Where_prints_the_store_or_an_installed_skill()
    {
        Install("lint", "1.0.0", "Old.");
        Install("lint", "1.4.0", "New.");
        Install("lint", "2.0.0-beta.1", "Preview.");

        Assert.Equal(Path.Combine(_cli.Home, "skills") + "\n", (await _cli.RunAsync("where")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.4.0") + "\n", (await _cli.RunAsync("where", "lint")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.0.0") + "\n", (await _cli.RunAsync("where", "lint@~1.0")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "2.0.0-beta.1") + "\n", (await _cli.RunAsync("where", "lint@^2.0.0-beta")).Output);

        var missing = await _cli.RunAsync("where", "lint@^3");
        Assert.Equal(3, missing.ExitCode);
        Assert.Equal("skillrt: no installed version of 'lint' matches '^3' (installed: 1.0.0, 1.4.0, 2.0.0-beta.1); install one with 'skillrt install lint@^3'.\n", missing.Error);

        var unknown = await _cli.RunAsync("where", "nothing");
        Assert.Equal(3, unknown.ExitCode);
        Assert.StartsWith("skillrt: no skill 'nothing' is installed", unknown.Error, StringComparison.Ordinal);

        var badRange = await _cli.RunAsync("where", "lint@^x");
        Assert.Equal(2, badRange.ExitCode);
        Assert.StartsWith("skillrt: '^x' in 'lint@^x' is not a version range", badRange.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_info_and_uninstall_read_nuget_version_ranges_too()
    {
        Install("lint", "1.0.0", "Old.");
        Install("lint", "1.4.0", "New.");
        Install("lint", "2.0.0", "Major.");
        Install("lint", "2.1.0-beta.1", "Preview.");

        // NuGet reads a partial version as a minimum and a wildcard as the highest of a line.
        Assert.Equal(_cli.StoreEntry("lint", "2.0.0") + "\n", (await _cli.RunAsync("where", "lint@1.0")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "2.0.0") + "\n", (await _cli.RunAsync("where", "lint@1")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.4.0") + "\n", (await _cli.RunAsync("where", "lint@1.*")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.0.0") + "\n", (await _cli.RunAsync("where", "lint@1.0.*")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.0.0") + "\n", (await _cli.RunAsync("where", "lint@[1.*,1.2)")).Output);
        Assert.Equal(_cli.StoreEntry("lint", "1.4.0") + "\n", (await _cli.RunAsync("where", "lint@(,2.0)")).Output);

        // A full version stays exact, as in dependencies.skills.
        Assert.Equal(_cli.StoreEntry("lint", "1.0.0") + "\n", (await _cli.RunAsync("where", "lint@1.0.0")).Output);

        var info = await _cli.RunAsync("info", "lint@1.*");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("1.4.0", info.Output, StringComparison.Ordinal);

        var missing = await _cli.RunAsync("where", "lint@3.0");
        Assert.Equal(3, missing.ExitCode);
        Assert.Equal("skillrt: no installed version of 'lint' matches '3.0' (installed: 1.0.0, 1.4.0, 2.0.0, 2.1.0-beta.1); install one with 'skillrt install lint@3.0'.\n", missing.Error);

        var uninstall = await _cli.RunAsync("uninstall", "lint@1.*");
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(Directory.Exists(_cli.StoreEntry("lint", "1.0.0")));
        Assert.False(Directory.Exists(_cli.StoreEntry("lint", "1.4.0")));
        Assert.True(Directory.Exists(_cli.StoreEntry("lint", "2.0.0")));
    }

    [Theory]
    [InlineData("1.0.0.1", "skillrt: '1.0.0.1' in 'lint@1.0.0.1' is a NuGet version range, but skill versions have three numbers, not four; write a version")]
    [InlineData("1.0.0-*", "skillrt: '1.0.0-*' in 'lint@1.0.0-*' is a NuGet version range, but a prerelease or fourth-number wildcard has no skill equivalent")]
    [InlineData("[2.0,1.0]", "skillrt: '[2.0,1.0]' in 'lint@[2.0,1.0]' is not a version range (the lower bound is above the upper bound, so no version satisfies the range); write a version")]
    [InlineData("latest", "skillrt: 'latest' in 'lint@latest' is not a version range ('latest' is not a version; an exact version needs all three numbers, such as 1.2.3); write a version")]
    public async Task A_range_neither_syntax_reads_is_a_usage_error_that_says_what_to_write(string range, string expected)
    {
        Install("lint", "1.0.0", "Old.");

        var result = await _cli.RunAsync("where", "lint@" + range);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("a NuGet minimum or wildcard (1.0", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Store_follows_xdg_data_home_when_skillrt_home_is_not_set()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // XDG is the Linux convention; other platforms use their own data folder.
        }

        var data = Path.Combine(_cli.WorkingDirectory, "xdg");
        _cli.Environment["SKILLRT_HOME"] = null;
        _cli.Environment["XDG_DATA_HOME"] = data;

        var result = await _cli.RunAsync("where");

        Assert.Equal(Path.Combine(data, "skillrt", "skills") + "\n", result.Output);
    }

    [Fact]
    public async Task Uninstall_removes_one_version_or_all_of_them()
    {
        Install("lint", "1.0.0", "Old.");
        Install("lint", "1.4.0", "New.");
        Install("lint", "2.0.0", "Major.");

        var one = await _cli.RunAsync("uninstall", "lint@1.4.0");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal($"Uninstalled lint 1.4.0 from {_cli.StoreEntry("lint", "1.4.0")}\n", one.Output);
        Assert.False(Directory.Exists(_cli.StoreEntry("lint", "1.4.0")));
        Assert.True(Directory.Exists(_cli.StoreEntry("lint", "1.0.0")));

        var range = await _cli.RunAsync("uninstall", "lint@^2");
        Assert.Equal(0, range.ExitCode);
        Assert.False(Directory.Exists(_cli.StoreEntry("lint", "2.0.0")));

        var all = await _cli.RunAsync("uninstall", "lint");
        Assert.Equal(0, all.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_cli.Home, "skills", "lint")));

        var again = await _cli.RunAsync("uninstall", "lint");
        Assert.Equal(3, again.ExitCode);
        Assert.Equal("skillrt: no skill 'lint' is installed; run 'skillrt list' to see what is.\n", again.Error);
    }

    [Fact]
    public async Task Uninstall_removes_a_damaged_entry_by_its_folder_name()
    {
        WriteEntry("odd", "latest", "not even frontmatter");
        Install("odd", "1.0.0", "Sound.");

        var wrongVersion = await _cli.RunAsync("uninstall", "odd@9.9.9");
        Assert.Equal(3, wrongVersion.ExitCode);
        Assert.Equal("skillrt: no installed version of 'odd' matches '9.9.9' (installed: latest, 1.0.0).\n", wrongVersion.Error);

        var result = await _cli.RunAsync("uninstall", "odd@latest");

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(_cli.StoreEntry("odd", "latest")));
        Assert.True(File.Exists(Path.Combine(_cli.StoreEntry("odd", "1.0.0"), "SKILL.md")));
    }

    private void Install(string name, string version, string description, string? declaredVersion = null) =>
        WriteEntry(name, version, $"---\nname: {name}\nversion: {declaredVersion ?? version}\ndescription: {description}\n---\nDo the thing.\n");

    private void WriteEntry(string name, string version, string skillMd)
    {
        var folder = _cli.StoreEntry(name, version);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), skillMd);
    }
}
