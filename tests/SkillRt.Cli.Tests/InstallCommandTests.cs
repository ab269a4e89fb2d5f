using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt install</c>, run as the real executable: folders, files, packages and feeds; the checks
/// before anything lands in the store; and concurrent installs into one store.
/// </summary>
public sealed class InstallCommandTests : IClassFixture<SkillLibraryFeed>
{
    private static readonly string Greeter = Skill("greeter", "1.0.0", "Greets someone.", "Say hello.");

    // '1.0' is not a SemVer version: SKILL0107 at (4,10).
    private static readonly string BadVersion = Skill("bad", "1.0", "Broken.", "Body.");

    private readonly SkillLibraryFeed _feed;

    public InstallCommandTests(SkillLibraryFeed feed) => _feed = feed;

    [Fact]
    public async Task Installs_a_skill_folder_without_links_checkouts_or_build_output()
    {
        using var cli = new SkillCli();
        cli.WriteFile("greeter/SKILL.md", Greeter);
        cli.WriteFile("greeter/references/tone.md", "Be kind.\n");
        cli.WriteFile("greeter/.git/HEAD", "ref: refs/heads/main\n");
        cli.WriteFile("greeter/bin/Debug/out.dll", "binary");
        cli.WriteFile("greeter/obj/project.assets.json", "{}");
        var secret = cli.WriteFile("secret.txt", "not part of the skill");
        File.CreateSymbolicLink(Path.Combine(cli.WorkingDirectory, "greeter", "linked.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(cli.WorkingDirectory, "greeter", "linked-folder"), cli.WorkingDirectory);

        var result = await cli.RunAsync("install", "greeter");

        var entry = cli.StoreEntry("greeter", "1.0.0");
        AssertInstalled(cli, result, ("greeter", "1.0.0"));
        Assert.Empty(result.Error);
        Assert.Equal(
            ["SKILL.md", Path.Combine("references", "tone.md")],
            Directory.EnumerateFileSystemEntries(entry, "*", SearchOption.AllDirectories)
                .Where(File.Exists)
                .Select(path => Path.GetRelativePath(entry, path))
                .Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(entry, "linked-folder")));
        AssertNoStagingLeftovers(cli);
    }

    [Fact]
    public async Task Installs_a_single_markdown_file_alone_as_SKILL_md()
    {
        using var cli = new SkillCli();
        cli.WriteFile("drafts/greeting.md", Greeter);
        cli.WriteFile("drafts/other.md", "Not copied.\n");

        var result = await cli.RunAsync("install", Path.Combine("drafts", "greeting.md"));

        var entry = cli.StoreEntry("greeter", "1.0.0");
        AssertInstalled(cli, result, ("greeter", "1.0.0"));
        Assert.Equal(["SKILL.md"], Directory.EnumerateFileSystemEntries(entry).Select(p => Path.GetFileName(p)));
        Assert.Equal(Greeter, File.ReadAllText(Path.Combine(entry, "SKILL.md")));
    }

    [Fact]
    public async Task A_SKILL_md_file_installs_with_its_skillrt_yaml_sidecar()
    {
        using var cli = new SkillCli();
        cli.WriteFile("agent/greeter/SKILL.md", "---\nname: greeter\ndescription: Greets someone.\n---\nSay hello to {{ who }}.\n");
        cli.WriteFile("agent/greeter/skillrt.yaml", "version: 1.0.0\ninputs:\n  - name: who\n    type: string\n");

        var result = await cli.RunAsync("install", Path.Combine("agent", "greeter", "SKILL.md"));
        var info = await cli.RunAsync("info", "greeter", "--format", "json");

        // Without the sidecar the entry would be 0.0.0, with no inputs: a different skill from the one validated.
        var entry = cli.StoreEntry("greeter", "1.0.0");
        AssertInstalled(cli, result, ("greeter", "1.0.0"));
        Assert.Equal(["SKILL.md", "skillrt.yaml"], Directory.EnumerateFileSystemEntries(entry).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));
        Assert.Contains("\"name\": \"who\"", info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_folder_whose_SKILL_md_is_a_link_is_a_usage_error()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var cli = new SkillCli();
        var elsewhere = cli.WriteFile("elsewhere/greeter.md", Greeter);
        Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "greeter"));
        File.CreateSymbolicLink(Path.Combine(cli.WorkingDirectory, "greeter", "SKILL.md"), elsewhere);

        var result = await cli.RunAsync("install", "greeter");

        AssertRefused(cli, result, 2, error: $"skillrt: '{Path.Combine("greeter", "SKILL.md")}' is a symbolic link, and links are not copied into the store (they could pull in files from anywhere); replace it with the file it points to, or install that file.\n");
    }

    [Fact]
    public async Task A_prose_file_is_named_after_the_file_and_installed_unversioned()
    {
        using var cli = new SkillCli();
        cli.WriteFile("commit-style.md", "Write commit subjects in the imperative mood.\n");

        var result = await cli.RunAsync("install", "commit-style.md");

        AssertInstalled(cli, result, ("commit-style", "0.0.0"));
    }

    [Fact]
    public async Task A_prose_file_whose_name_cannot_be_a_store_folder_is_a_usage_error()
    {
        using var cli = new SkillCli();
        cli.WriteFile("...md", "Prose without a usable name.\n");

        var result = await cli.RunAsync("install", "...md");

        AssertRefused(cli, result, 2, startingWith: "skillrt: '...md' has no name, and '..' cannot be one;");
        Assert.False(Directory.Exists(Path.Combine(cli.Home, "skills")));
    }

    [Fact]
    public async Task Installs_every_skill_in_a_folder_of_skills_and_skips_build_output()
    {
        using var cli = new SkillCli();
        cli.WriteFile("library/skills/greeter/SKILL.md", Greeter);
        cli.WriteFile("library/skills/farewell/SKILL.md", Skill("farewell", "2.1.0", "Says goodbye.", "Say goodbye."));
        cli.WriteFile("library/bin/Debug/skills/greeter/SKILL.md", Greeter);

        var result = await cli.RunAsync("install", "library");

        AssertInstalled(cli, result, ("farewell", "2.1.0"), ("greeter", "1.0.0"));
    }

    [Fact]
    public async Task A_folder_without_any_skill_is_a_usage_error()
    {
        using var cli = new SkillCli();
        cli.WriteFile("empty/readme.txt", "No skills here.\n");

        var result = await cli.RunAsync("install", "empty");

        AssertRefused(cli, result, 2, error: "skillrt: no SKILL.md found under 'empty'; pass a skill folder, a SKILL.md file, or a folder that holds skill folders.\n");
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error()
    {
        using var cli = new SkillCli();

        var result = await cli.RunAsync("install", Path.Combine("no", "such", "skill"));

        AssertRefused(cli, result, 2, startingWith: $"skillrt: '{Path.Combine("no", "such", "skill")}' does not exist;");
    }

    [Fact]
    public async Task Installing_again_keeps_the_entry_and_force_reinstalls_it()
    {
        using var cli = new SkillCli();
        cli.WriteFile("greeter/SKILL.md", Greeter);
        var entry = cli.StoreEntry("greeter", "1.0.0");
        Assert.Equal(0, (await cli.RunAsync("install", "greeter")).ExitCode);
        var changed = Greeter.Replace("Say hello.", "Say hello warmly.", StringComparison.Ordinal);
        cli.WriteFile("greeter/SKILL.md", changed);

        var again = await cli.RunAsync("install", "greeter");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal($"greeter 1.0.0 is already installed at {entry}; pass --force to reinstall\n", again.Output);
        Assert.Equal(Greeter, File.ReadAllText(Path.Combine(entry, "SKILL.md")));

        var forced = await cli.RunAsync("install", "greeter", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal($"Reinstalled greeter 1.0.0 to {entry}\n", forced.Output);
        Assert.Equal(changed, File.ReadAllText(Path.Combine(entry, "SKILL.md")));
        AssertNoStagingLeftovers(cli);
    }

    [Fact]
    public async Task An_invalid_skill_is_refused_with_compiler_format_diagnostics_and_nothing_installed()
    {
        using var cli = new SkillCli();
        cli.WriteFile("bad/SKILL.md", BadVersion);

        var result = await cli.RunAsync("install", "bad");

        var path = Path.Combine("bad", "SKILL.md");
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.StartsWith($"{path}(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version", lines[0], StringComparison.Ordinal);
        Assert.Equal($"skillrt: '{path}' is not a valid skill (1 error); it was not installed. Fix the lines above and try again.", lines[^1]);
        AssertStoreEmpty(cli);
    }

    [Fact]
    public async Task One_invalid_skill_in_a_folder_of_skills_installs_none()
    {
        using var cli = new SkillCli();
        cli.WriteFile("skills/greeter/SKILL.md", Greeter);
        cli.WriteFile("skills/bad/SKILL.md", BadVersion);

        var result = await cli.RunAsync("install", "skills");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Path.Combine("skills", "bad", "SKILL.md")}(4,10): error SKILL0107:", result.Error, StringComparison.Ordinal);
        Assert.Contains("skillrt: 1 of the 2 skills in 'skills' are not valid (1 error); nothing was installed.", result.Error, StringComparison.Ordinal);
        AssertStoreEmpty(cli);
    }

    [Fact]
    public async Task Skip_invalid_installs_the_valid_skills_and_reports_each_invalid_one_with_exit_code_1()
    {
        using var cli = new SkillCli();
        cli.WriteFile("skills/greeter/SKILL.md", Greeter);
        cli.WriteFile("skills/farewell/SKILL.md", Skill("farewell", "2.0.0", "Says goodbye.", "Say goodbye."));
        cli.WriteFile("skills/bad/SKILL.md", BadVersion);
        cli.WriteFile("skills/worse/SKILL.md", "---\nname: worse\nversion: 1.0.0\n---\nBody.\n");

        var result = await cli.RunAsync("install", "skills", "--skip-invalid");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(Installed(cli, ("farewell", "2.0.0"), ("greeter", "1.0.0")), result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{Path.Combine("skills", "bad", "SKILL.md")}(4,10): error SKILL0107:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{Path.Combine("skills", "worse", "SKILL.md")}(", lines[1], StringComparison.Ordinal);
        Assert.Contains("): error SKILL", lines[1], StringComparison.Ordinal);
        Assert.Equal("skillrt: skipped 2 skills of the 4 in 'skills' that are not valid (2 errors); the other 2 are installed. Fix the lines above and install again.", lines[2]);
        Assert.True(File.Exists(Path.Combine(cli.StoreEntry("greeter", "1.0.0"), "SKILL.md")));
        Assert.True(File.Exists(Path.Combine(cli.StoreEntry("farewell", "2.0.0"), "SKILL.md")));
        Assert.False(Directory.Exists(Path.Combine(cli.Home, "skills", "bad")));
        Assert.False(Directory.Exists(Path.Combine(cli.Home, "skills", "worse")));
        AssertNoStagingLeftovers(cli);

        // Fixed, the same command installs the rest and says the others are already there.
        cli.WriteFile("skills/bad/SKILL.md", Skill("bad", "1.0.0", "Fixed.", "Body."));
        cli.WriteFile("skills/worse/SKILL.md", Skill("worse", "1.0.0", "Fixed.", "Body."));
        var again = await cli.RunAsync("install", "skills", "--skip-invalid");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(Installed(cli, ("bad", "1.0.0")), again.Output, StringComparison.Ordinal);
        Assert.Contains($"greeter 1.0.0 is already installed at {cli.StoreEntry("greeter", "1.0.0")}; pass --force to reinstall\n", again.Output, StringComparison.Ordinal);
        Assert.Empty(again.Error);
    }

    [Fact]
    public async Task Skip_invalid_with_no_valid_skill_installs_none_and_says_so()
    {
        using var cli = new SkillCli();
        cli.WriteFile("skills/bad/SKILL.md", BadVersion);
        cli.WriteFile("skills/also-bad/SKILL.md", Skill("also-bad", "1", "Broken.", "Body."));

        var result = await cli.RunAsync("install", "skills", "--skip-invalid");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.EndsWith("skillrt: 2 of the 2 skills in 'skills' are not valid (2 errors); nothing was installed. Fix the lines above and try again.\n", result.Error, StringComparison.Ordinal);
        AssertStoreEmpty(cli);
    }

    [Fact]
    public async Task Two_skills_with_one_name_in_one_source_are_refused()
    {
        using var cli = new SkillCli();
        cli.WriteFile("skills/greeter/SKILL.md", Greeter);
        cli.WriteFile("skills/copy-of-greeter/SKILL.md", Greeter);

        var result = await cli.RunAsync("install", "skills");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("are both the skill 'greeter'", result.Error, StringComparison.Ordinal);
        AssertStoreEmpty(cli);
    }

    [Fact]
    public async Task Installs_the_skills_of_a_package_made_by_dotnet_pack()
    {
        using var cli = new SkillCli();

        var result = await cli.RunAsync("install", _feed.Package);

        var entry = cli.StoreEntry("release-notes", "0.2.0");
        AssertInstalled(cli, result, ("release-notes", "0.2.0"));
        var sample = Path.Combine(TestPaths.RepositoryRoot, "samples", "SkillLibrary", "skills", "release-notes");
        Assert.Equal(File.ReadAllText(Path.Combine(sample, "SKILL.md")), File.ReadAllText(Path.Combine(entry, "SKILL.md")));
        Assert.Equal(File.ReadAllText(Path.Combine(sample, "references", "style.md")), File.ReadAllText(Path.Combine(entry, "references", "style.md")));
        AssertNoStagingLeftovers(cli);
    }

    [Fact]
    public async Task Installs_by_name_and_range_from_a_folder_feed()
    {
        using var cli = CliWithFeed();

        var result = await cli.RunAsync("install", "release-notes@^0.2");

        AssertInstalled(cli, result, ("release-notes", "0.2.0"));
        Assert.True(File.Exists(Path.Combine(cli.StoreEntry("release-notes", "0.2.0"), "references", "style.md")));
        AssertNoStagingLeftovers(cli);
    }

    [Fact]
    public async Task A_nuget_minimum_version_installs_the_highest_version_at_or_above_it()
    {
        using var cli = CliWithFeed();

        // Issue 15: `skillrt install pr-review@1.0` was refused though NuGet reads 1.0 as ">= 1.0".
        var result = await cli.RunAsync("install", "release-notes@0.1");

        AssertInstalled(cli, result, ("release-notes", "0.2.0"));
    }

    [Fact]
    public async Task A_bare_name_installs_any_version()
    {
        using var cli = CliWithFeed();

        var result = await cli.RunAsync("install", "release-notes");

        AssertInstalled(cli, result, ("release-notes", "0.2.0"));
    }

    [Fact]
    public async Task A_range_no_version_satisfies_is_not_found_with_the_versions_there_are()
    {
        using var cli = CliWithFeed();

        var result = await cli.RunAsync("install", "release-notes@^2.0");

        AssertRefused(cli, result, 3, error: $"skillrt: no version of 'release-notes' on 'skills' ({_feed.Folder}) matches '^2.0' (found: 0.2.0 in Contoso.ReleaseSkills 0.2.0); install one of those, for example 'skillrt install release-notes@0.2.0'.\n");
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task An_unknown_name_is_not_found_and_names_the_feeds_searched()
    {
        using var cli = CliWithFeed();

        var result = await cli.RunAsync("install", "no-such-skill");

        AssertRefused(cli, result, 3, startingWith: $"skillrt: no package on 'skills' ({_feed.Folder}) holds the skill 'no-such-skill'", oneLine: true);
    }

    [Fact]
    public async Task An_unreachable_feed_is_a_feed_error_naming_it()
    {
        using var cli = new SkillCli();
        RetryQuickly(cli);
        using var closed = LoopbackPorts.ReserveClosed(out var port);
        var url = $"http://127.0.0.1:{port}/v3/index.json";
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="offline" value="{url}" />""");

        var result = await cli.RunAsync("install", "release-notes");

        AssertRefused(cli, result, 7, startingWith: $"skillrt: cannot read the feed 'offline' ({url}):", oneLine: true);
    }

    [Fact]
    public async Task A_feed_that_refuses_the_request_is_a_feed_error_asking_for_credentials()
    {
        using var cli = new SkillCli();
        RetryQuickly(cli);
        using var listener = new HttpListener();
        var url = LoopbackPorts.StartHttpListener(listener);
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                context.Response.StatusCode = 401;
                context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"feed\"");
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="private" value="{url}v3/index.json" />""");

        var result = await cli.RunAsync("install", "release-notes");
        listener.Stop();
        await serving;

        AssertRefused(cli, result, 7, error: $"skillrt: the feed 'private' ({url}v3/index.json) refused the request (401 Unauthorized); add credentials for it to NuGet.config ('dotnet nuget update source private --username <user> --password <token>') and try again.\n");
    }

    [Fact]
    public async Task No_enabled_feed_is_not_configured()
    {
        using var cli = new SkillCli();
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, string.Empty);

        var result = await cli.RunAsync("install", "release-notes");

        AssertRefused(cli, result, 5, startingWith: $"skillrt: no NuGet feed is enabled for '");
    }

    [Fact]
    public async Task A_damaged_package_is_refused_with_one_line()
    {
        using var cli = new SkillCli();
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(cli.WorkingDirectory, "damaged.nupkg"), bytes);

        var result = await cli.RunAsync("install", "damaged.nupkg");

        AssertRefused(cli, result, 2, startingWith: "skillrt: 'damaged.nupkg' is not a NuGet package: its zip archive is damaged", oneLine: true);
    }

    [Fact]
    public async Task A_package_not_packed_with_SkillRt_is_refused()
    {
        using var cli = new SkillCli();

        var result = await InstallPackageAsync(cli, "plain.nupkg", ("Plain.nuspec", "<package />"), ("lib/net8.0/Plain.dll", "code"));

        AssertRefused(cli, result, 2, startingWith: "skillrt: 'plain.nupkg' has no skills: it was not packed with SkillRt");
    }

    [Fact]
    public async Task A_package_with_an_entry_that_climbs_out_is_refused_and_nothing_is_written()
    {
        using var cli = new SkillCli();

        var result = await InstallPackageAsync(
            cli,
            "slip.nupkg",
            ("skills/index.json", Index("greeter", "skills/greeter/SKILL.md", Greeter)),
            ("skills/greeter/SKILL.md", Greeter),
            ("skills/greeter/../../../../escaped.txt", "outside"));

        AssertRefused(cli, result, 2, startingWith: "skillrt: 'slip.nupkg' has an entry that points outside the package ('skills/greeter/../../../../escaped.txt')");
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(cli.Home)!, "escaped.txt", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_package_whose_index_points_outside_the_skill_folder_is_refused()
    {
        using var cli = new SkillCli();

        var result = await InstallPackageAsync(
            cli,
            "outside.nupkg",
            ("skills/index.json", Index("greeter", "buildTransitive/evil.targets", Greeter)),
            ("skills/greeter/SKILL.md", Greeter),
            ("buildTransitive/evil.targets", Greeter));

        AssertRefused(cli, result, 2, startingWith: "skillrt: 'outside.nupkg' lists the file 'buildTransitive/evil.targets' for the skill 'greeter', outside its folder 'skills/greeter/'");
    }

    [Fact]
    public async Task A_package_file_that_does_not_match_its_hash_is_refused()
    {
        using var cli = new SkillCli();

        var result = await InstallPackageAsync(
            cli,
            "tampered.nupkg",
            ("skills/index.json", Index("greeter", "skills/greeter/SKILL.md", Greeter)),
            ("skills/greeter/SKILL.md", Greeter.Replace("Say hello.", "Say something else.", StringComparison.Ordinal)));

        AssertRefused(cli, result, 2, startingWith: "skillrt: 'tampered.nupkg' is damaged: 'skills/greeter/SKILL.md' does not match the SHA-256");
    }

    [Fact]
    public async Task Concurrent_installs_all_succeed_and_leave_a_sound_store()
    {
        using var cli = new SkillCli();
        cli.WriteFile("alpha/SKILL.md", Skill("alpha", "1.0.0", "First.", "A."));
        cli.WriteFile("beta/SKILL.md", Skill("beta", "1.0.0", "Second.", "B."));
        cli.WriteFile("greeter/SKILL.md", Greeter);

        // Different skills at once: both installed.
        var different = await Task.WhenAll(cli.RunAsync("install", "alpha"), cli.RunAsync("install", "beta"));
        AssertInstalled(cli, different[0], ("alpha", "1.0.0"));
        AssertInstalled(cli, different[1], ("beta", "1.0.0"));

        // The same skill at once: one installs it, the other finds it installed.
        var same = await Task.WhenAll(cli.RunAsync("install", "greeter"), cli.RunAsync("install", "greeter"));
        Assert.All(same, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.Single(same, result => result.Output.StartsWith("Installed greeter 1.0.0", StringComparison.Ordinal));
        Assert.Single(same, result => result.Output.StartsWith("greeter 1.0.0 is already installed", StringComparison.Ordinal));

        // The same skill, forced, several at once: every replacement goes through the lock.
        var forced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cli.RunAsync("install", "greeter", "--force")));
        Assert.All(forced, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.All(forced, result => Assert.StartsWith("Reinstalled greeter 1.0.0", result.Output, StringComparison.Ordinal));

        foreach (var (name, version) in new[] { ("alpha", "1.0.0"), ("beta", "1.0.0"), ("greeter", "1.0.0") })
        {
            Assert.Equal(["SKILL.md"], Directory.EnumerateFileSystemEntries(cli.StoreEntry(name, version)).Select(p => Path.GetFileName(p)));
            Assert.Equal([version], Directory.EnumerateDirectories(Path.Combine(cli.Home, "skills", name)).Select(p => Path.GetFileName(p)));
        }

        Assert.Equal(["alpha", "beta", "greeter"], Directory.EnumerateDirectories(Path.Combine(cli.Home, "skills")).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));
        AssertNoStagingLeftovers(cli);
    }

    /// <summary>A SKILL.md with front matter in this order, as the tests' skills are written.</summary>
    private static string Skill(string name, string version, string description, string body) =>
        $"---\nname: {name}\ndescription: {description}\nversion: {version}\n---\n{body}\n";

    /// <summary>A CLI whose NuGet.config has the one feed <c>skills</c>: the sample library's folder.</summary>
    private SkillCli CliWithFeed()
    {
        var cli = new SkillCli();
        _feed.WriteNuGetConfig(cli.WorkingDirectory);
        return cli;
    }

    /// <summary>What <c>install</c> prints for these skills, installed in this order.</summary>
    private static string Installed(SkillCli cli, params (string Name, string Version)[] skills) =>
        string.Concat(skills.Select(skill => $"Installed {skill.Name} {skill.Version} to {cli.StoreEntry(skill.Name, skill.Version)}\n"));

    /// <summary>The run succeeded and printed exactly that it installed these skills.</summary>
    private static void AssertInstalled(SkillCli cli, CliResult result, params (string Name, string Version)[] skills)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Installed(cli, skills), result.Output);
    }

    /// <summary>
    /// The run failed with <paramref name="exitCode"/> and an error that is exactly <paramref name="error"/>
    /// or starts with <paramref name="startingWith"/> (and is then one line, if <paramref name="oneLine"/>),
    /// and the store was left empty.
    /// </summary>
    private static void AssertRefused(SkillCli cli, CliResult result, int exitCode, string? error = null, string? startingWith = null, bool oneLine = false)
    {
        Assert.Equal(exitCode, result.ExitCode);
        if (error is not null)
        {
            Assert.Equal(error, result.Error);
        }

        if (startingWith is not null)
        {
            Assert.StartsWith(startingWith, result.Error, StringComparison.Ordinal);
        }

        if (oneLine)
        {
            Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        }

        AssertStoreEmpty(cli);
    }

    private static void AssertNoStagingLeftovers(SkillCli cli)
    {
        var staging = Path.Combine(cli.Home, ".staging");
        Assert.Empty(Directory.Exists(staging) ? Directory.EnumerateFileSystemEntries(staging) : []);
    }

    private static void AssertStoreEmpty(SkillCli cli)
    {
        var skills = Path.Combine(cli.Home, "skills");
        Assert.Empty(Directory.Exists(skills) ? Directory.EnumerateFileSystemEntries(skills) : []);
        AssertNoStagingLeftovers(cli);
    }

    /// <summary>NuGet retries a failing feed six times a second apart; the failure, not the wait, is under test.</summary>
    private static void RetryQuickly(SkillCli cli) => cli.Environment["NUGET_ENHANCED_NETWORK_RETRY_DELAY_MILLISECONDS"] = "10";

    /// <summary>skills/index.json for one skill with one file, its hash computed from <paramref name="content"/>.</summary>
    private static string Index(string name, string file, string content) => $$"""
        {"schemaVersion": 1, "skills": [{"name": "{{name}}", "version": "1.0.0", "path": "skills/{{name}}/SKILL.md",
          "files": [{"path": "{{file}}", "sha256": "{{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}}"}]}]}
        """;

    /// <summary>Writes the package <paramref name="fileName"/> (see <see cref="WritePackage"/>) and installs it.</summary>
    private static Task<CliResult> InstallPackageAsync(SkillCli cli, string fileName, params (string Name, string Content)[] entries)
    {
        WritePackage(Path.Combine(cli.WorkingDirectory, fileName), entries);
        return cli.RunAsync("install", fileName);
    }

    /// <summary>A zip with exactly these entry names, written as they are, which no packer would do for the hostile ones.</summary>
    private static void WritePackage(string path, params (string Name, string Content)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }
    }
}
