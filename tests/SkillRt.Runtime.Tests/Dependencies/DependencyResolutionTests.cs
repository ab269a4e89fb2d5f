using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Dependencies;

/// <summary>Dependencies are checked before anything runs, and every missing one is reported at once.</summary>
public sealed class DependencyResolutionTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    internal static SkillDefinition Lint(string version, string marker = "") => SkillDefinition.Parse($$$"""
        ---
        name: lint
        version: {{{version}}}
        description: Counts the problems in a piece of code.
        inputs:
          - name: code
            type: string
            required: true
        outputs:
          type: json
          schema:
            type: object
            required: [issues]
            properties:
              issues: { type: integer, minimum: 0 }
        ---
        Lint {{{version}}}{{{marker}}}: count the problems in {{ code }}.
        """);

    [Fact]
    public async Task A_missing_dependency_failure_lists_every_missing_item_and_sends_nothing()
    {
        var options = new SkillRunnerOptions();
        options.Skills.Add(Lint("1.0.0")).Add(Lint("2.1.0"));
        var skill = SkillDefinition.Parse("""
            ---
            name: release-check
            description: Checks a release.
            dependencies:
              tools: [sh, skillrt-no-such-tool-1, skillrt-no-such-tool-2]
              mcp-servers: [github]
              skills: [lint@^3.0, ghost, lint@^1.0]
            ---
            Check the release.
            """);
        var client = new ScriptedChatClient().Answer("fine");
        await using var runner = new SkillRunner(client, options);

        var error = await Assert.ThrowsAsync<SkillDependencyException>(() => runner.RunAsync(skill, "check 1.2", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("release-check", error.SkillName);
        Assert.Equal(
            [
                "tool 'skillrt-no-such-tool-1': it is not on PATH; install it or add its folder to PATH",
                "tool 'skillrt-no-such-tool-2': it is not on PATH; install it or add its folder to PATH",
                "MCP server 'github': it is not configured; add it to .mcp.json (mcpServers) and load that file, or to SkillRunnerOptions.McpServers",
                "skill 'lint@^3.0': no version in the catalogue is in the range '^3.0' (it has 1.0.0, 2.1.0)",
                "skill 'ghost': no skill of that name is in the runner's catalogue; add it with options.Skills.Add(…) or AddDirectoryAsync(…)",
            ],
            error.Problems.Select(p => p.ToString()));
        Assert.Equal(
            [SkillDependencyKind.Tool, SkillDependencyKind.Tool, SkillDependencyKind.McpServer, SkillDependencyKind.Skill, SkillDependencyKind.Skill],
            error.Problems.Select(p => p.Kind));
        Assert.StartsWith("Skill 'release-check' cannot run: 5 of its dependencies are missing.", error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task A_sibling_skills_own_missing_dependencies_are_found_before_the_run_starts()
    {
        var options = new SkillRunnerOptions();
        options.Skills.Add(SkillDefinition.Parse("""
            ---
            name: format
            version: 1.0.0
            description: Formats code.
            dependencies:
              tools: [skillrt-no-such-formatter]
            ---
            Format it.
            """));
        var skill = SkillDefinition.Parse("""
            ---
            name: tidy
            description: Tidies code.
            dependencies:
              skills: [format@1.0.0]
            ---
            Tidy it.
            """);
        var client = new ScriptedChatClient().Answer("done");
        await using var runner = new SkillRunner(client, options);

        var error = await Assert.ThrowsAsync<SkillDependencyException>(() => runner.RunAsync(skill, "tidy x", cancellationToken: TestContext.Current.CancellationToken));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("tool 'skillrt-no-such-formatter': it is not on PATH; install it or add its folder to PATH (needed by skill 'format@1.0.0')", problem.ToString());
        Assert.Empty(client.Requests);
    }

    [Fact]
    public void The_catalogue_picks_the_highest_version_in_range_and_reports_ambiguity()
    {
        var catalog = new SkillCollection();
        catalog.Add(Lint("1.0.0")).Add(Lint("1.4.0")).Add(Lint("1.5.0-beta.1")).Add(Lint("2.0.0"));

        Assert.Equal("1.4.0", Resolve(catalog, "lint@^1.0"));
        Assert.Equal("2.0.0", Resolve(catalog, "lint"));
        Assert.Equal("1.0.0", Resolve(catalog, "lint@[1.0,1.4)"));
        Assert.Equal("1.5.0-beta.1", Resolve(catalog, "lint@^1.5.0-beta.0"));
        Assert.Null(Resolve(catalog, "lint@^3"));

        catalog.Add(Lint("2.0.0", " (a copy)"));
        var resolution = catalog.Resolve(Dependency("lint@^2"));
        Assert.True(resolution.Ambiguous);
        Assert.Null(resolution.Skill);
        Assert.Equal(5, resolution.VersionsWithName);
    }

    [Fact]
    public void Adding_the_same_typed_skill_twice_keeps_one()
    {
        var catalog = new SkillCollection();
        catalog.Add(Skills.HaikuSkill.Contract).Add(Skills.HaikuSkill.Contract);
        Assert.Equal(1, catalog.Count);
    }

    private static string? Resolve(SkillCollection catalog, string dependency) => catalog.Resolve(Dependency(dependency)).Skill?.Descriptor.Version?.ToString();

    private static SkillDependency Dependency(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? new SkillDependency { Name = text }
            : new SkillDependency { Name = text[..at], Range = SkillVersionRange.Parse(text[(at + 1)..]) };
    }
}
