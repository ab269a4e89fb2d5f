using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Publish;

/// <summary>
/// <c>skillrt publish</c>, run as the real executable: what it refuses before pushing anything, a
/// folder feed that <c>skillrt install</c> then installs from, and what it prints of a registry's answer.
/// </summary>
public sealed class PublishCommandTests
{
    private const string Key = "skr_publish_test_key";

    private static readonly string Greeter = Skill("greeter", "1.0.0", "Greets someone.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invalid_skill_prints_its_errors_in_compiler_format_and_packs_nothing()
    {
        using var cli = new SkillCli();
        // '1.0' is not a SemVer version: SKILL0107 at (4,10).
        cli.WriteFile("bad/SKILL.md", Skill("bad", "1.0", "Broken."));

        var result = await cli.RunAsync("publish", "bad", "--output", "out", "--source", "https://registry.example/v3/index.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var path = Path.Combine("bad", "SKILL.md");
        Assert.Equal(
            $"{path}(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version; write MAJOR.MINOR.PATCH, for example '1.0.0' or '2.1.0-beta.1'\n"
            + $"skillrt: '{path}' is not a valid skill (1 error); nothing was packed or published. Fix the lines above and try again.\n",
            result.Error);
        Assert.False(Directory.Exists(Path.Combine(cli.WorkingDirectory, "out")));
    }

    [Fact]
    public async Task A_skill_without_a_version_is_refused_at_its_frontmatter_with_what_to_add()
    {
        using var cli = new SkillCli();
        var path = cli.WriteFile("plain/SKILL.md", "---\nname: plain\ndescription: An Agent Skills file with no version.\n---\nDo it.\n");

        var result = await cli.RunAsync("publish", path, "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"{path}(1,1): error SKILL0106: The skill 'plain' has no 'version'; add 'version: 1.0.0' to its frontmatter, and raise it for every release you publish\n"
            + $"skillrt: '{path}' has no version, and a package needs one; nothing was packed or published.\n",
            result.Error);
    }

    [Fact]
    public async Task A_folder_of_several_skills_is_refused_naming_them()
    {
        using var cli = new SkillCli();
        cli.WriteFile("skills/a/SKILL.md", Skill("a", "1.0.0", "A."));
        cli.WriteFile("skills/b/SKILL.md", Skill("b", "1.0.0", "B."));

        var result = await cli.RunAsync("publish", "skills", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'skills' is not a skill folder but holds 2 skills", result.Error, StringComparison.Ordinal);
        Assert.Contains("publish each folder on its own", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_without_output_checks_and_keeps_nothing()
    {
        using var cli = new SkillCli();
        cli.WriteFile("greeter/SKILL.md", Greeter);

        var result = await cli.RunAsync("publish", "greeter", "--dry-run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """
            {
              "id": "greeter",
              "version": "1.0.0",
              "package": null,
              "files": [
                "skills/greeter/SKILL.md"
              ],
              "published": false,
              "source": null,
              "signature": null,
              "warnings": []
            }

            """,
            result.Output);
        Assert.Equal(["greeter"], Directory.EnumerateFileSystemEntries(cli.WorkingDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Skill_dependencies_become_package_dependencies_that_bring_their_build_assets()
    {
        using var cli = new SkillCli();
        cli.WriteFile("welcome/SKILL.md", "---\nname: welcome\ndescription: Welcomes.\nversion: 2.0.0\ndependencies:\n  skills: [greeter@^1.2, farewell@~0.3.1, exact@1.4.0]\n---\nCall greeter.\n");

        var result = await cli.RunAsync("publish", "welcome", "--dry-run", "--output", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var package = ZipFile.OpenRead(Path.Combine(cli.WorkingDirectory, "out", "welcome.2.0.0.nupkg"));
        using var nuspec = package.GetEntry("welcome.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{e.Attribute("id")!.Value} {e.Attribute("version")!.Value} {e.Attribute("include")!.Value}");
        Assert.Equal(["SkillRt 0.2.0 All", "greeter [1.2.0, 2.0.0) All", "farewell [0.3.1, 0.4.0) All", "exact [1.4.0] All"], dependencies);
    }

    [Fact]
    public async Task Publishes_to_a_folder_feed_that_install_then_finds_and_refuses_the_same_version_twice()
    {
        using var cli = new SkillCli();
        cli.WriteFile("greeter/SKILL.md", Greeter);
        cli.WriteFile("greeter/references/tone.md", "Be kind.\n");
        var feed = Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "feed")).FullName;
        Install.SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="team" value="{feed}" />""");

        var published = await cli.RunAsync("publish", "greeter", "--source", "team");
        var installed = await cli.RunAsync("install", "greeter@^1.0");
        var again = await cli.RunAsync("publish", "greeter", "--source", "team");

        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Equal($"Published greeter 1.0.0 (2 skill files) to {feed}.\n", published.Output);
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Equal("Be kind.\n", File.ReadAllText(Path.Combine(cli.StoreEntry("greeter", "1.0.0"), "references", "tone.md")));
        Assert.Equal(7, again.ExitCode);
        Assert.Equal($"skillrt: the folder feed '{feed}' already has greeter 1.0.0; a published version never changes: raise the skill's version and publish again.\n", again.Error);
    }

    [Fact]
    public async Task Without_an_API_key_nothing_is_sent()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = null;
        cli.WriteFile("greeter/SKILL.md", Greeter);
        await using var registry = await ScriptedRegistry.StartAsync(201, "application/json", "{}", Ct);

        var result = await cli.RunAsync("publish", "greeter", "--source", registry.ServiceIndex);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal($"skillrt: no API key to publish to {registry.ServiceIndex}: log in with 'skillrt login <url>', pipe it in with --api-key-stdin, or set SKILLRT_API_KEY; the registry's administrator creates keys with the registry:publish scope.\n", result.Error);
        Assert.False(registry.Push.IsCompleted);
    }

    [Fact]
    public async Task A_server_that_is_down_is_one_line_naming_it()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = Key;
        cli.WriteFile("greeter/SKILL.md", Greeter);
        using var closed = LoopbackPorts.ReserveClosed(out var port);
        var source = $"http://127.0.0.1:{port}/v3/index.json";

        var result = await cli.RunAsync("publish", "greeter", "--source", source);

        Assert.Equal(7, result.ExitCode);
        Assert.StartsWith($"skillrt: cannot reach '{source}': ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("; check the URL, the network, and that the server is running.\n", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_HTTP_beyond_loopback_is_refused_before_the_key_leaves()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = Key;
        cli.WriteFile("greeter/SKILL.md", Greeter);

        var result = await cli.RunAsync("publish", "greeter", "--source", "http://registry.example/v3/index.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("skillrt: 'http://registry.example/v3/index.json' is plain HTTP", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushes_the_package_with_the_key_from_stdin()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = "not-this-one";
        cli.WriteFile("greeter/SKILL.md", Greeter);
        await using var registry = await ScriptedRegistry.StartAsync(
            201,
            "application/json",
            """{"id": "greeter", "version": "1.0.0", "skills": ["greeter"], "warnings": [{"id": "SKILL0106", "severity": "warning", "file": "skills/greeter/SKILL.md", "line": 1, "column": 1, "message": "Add a version."}]}""",
            Ct);

        var result = await cli.RunWithInputAsync(Key + "\n", "publish", "greeter", "--source", registry.ServiceIndex, "--api-key-stdin", "--output", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Published greeter 1.0.0 (1 skill file) to {registry.ServiceIndex}.\n", result.Output);
        Assert.Equal("skills/greeter/SKILL.md(1,1): warning SKILL0106: Add a version.\n", result.Error);
        var (apiKey, _, package) = await registry.Push;
        Assert.Equal(Key, apiKey);
        Assert.Equal(File.ReadAllBytes(Path.Combine(cli.WorkingDirectory, "out", "greeter.1.0.0.nupkg")), package);
    }

    [Fact]
    public async Task A_refusal_with_diagnostics_prints_each_in_compiler_format()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = Key;
        cli.WriteFile("greeter/SKILL.md", Greeter);
        await using var registry = await ScriptedRegistry.StartAsync(
            400,
            "application/problem+json",
            """
            {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid skill", "status": 400,
             "detail": "A SKILL.md in the package has errors.",
             "diagnostics": [
               {"id": "SKILL0107", "severity": "error", "file": "skills/greeter/SKILL.md", "line": 4, "column": 10, "message": "'1.0' is not a SemVer 2.0.0 version"},
               {"id": "SKILL0301", "severity": "error", "file": "skills/greeter/SKILL.md", "line": 9, "column": 3, "message": "Unknown input type 'text'"}]}
            """,
            Ct);

        var result = await cli.RunAsync("publish", "greeter", "--source", registry.ServiceIndex);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "skills/greeter/SKILL.md(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version\n"
            + "skills/greeter/SKILL.md(9,3): error SKILL0301: Unknown input type 'text'\n"
            + $"skillrt: {registry.ServiceIndex} refused greeter 1.0.0: Invalid skill: A SKILL.md in the package has errors. Fix the lines above and publish again.\n",
            result.Error);
    }

    [Theory]
    [InlineData(409, "Version exists", "already has greeter 1.0.0: Version exists: greeter 1.0.0 is published already; a published version never changes: raise the skill's version and publish again.")]
    [InlineData(401, "Unauthorized", "did not accept the API key: Unauthorized: greeter 1.0.0 is published already; check the key (--api-key-stdin or SKILLRT_API_KEY), and that it has not expired or been revoked.")]
    [InlineData(403, "Forbidden", "refused greeter 1.0.0 for this API key: Forbidden: greeter 1.0.0 is published already; the key needs the registry:publish scope and a package pattern that matches 'greeter', and its owner must own the package.")]
    public async Task Other_refusals_are_one_line_saying_what_to_do(int status, string title, string expected)
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = Key;
        cli.WriteFile("greeter/SKILL.md", Greeter);
        await using var registry = await ScriptedRegistry.StartAsync(status, "application/problem+json", $$"""{"title": "{{title}}", "status": {{status}}, "detail": "greeter 1.0.0 is published already"}""", Ct);

        var result = await cli.RunAsync("publish", "greeter", "--source", registry.ServiceIndex);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal($"skillrt: {registry.ServiceIndex} {expected}\n", result.Error);
    }

    private static string Skill(string name, string version, string description) =>
        $"---\nname: {name}\ndescription: {description}\nversion: {version}\n---\nSay hello.\n";
}
