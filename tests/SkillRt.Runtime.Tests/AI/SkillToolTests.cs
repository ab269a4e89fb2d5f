using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.AI;

/// <summary>
/// <see cref="SkillCollection.CreateTools(ISkillRunner)"/>: a catalogue as the tools of a host's model,
/// with one name per skill, the schemas a model needs, and invalid arguments answered, not thrown.
/// </summary>
public sealed class SkillToolTests : IDisposable
{
    private const string CommitStyle = """
        # Commit message style

        Use this skill whenever you write a git commit message for this repository.

        1. The subject line is imperative.
        """;

    private const string ReleaseNotes = """
        ---
        name: release-notes
        description: Writes release notes from a list of changes.
        inputs:
          - name: version
            required: true
          - name: changes
            type: json
            required: true
            schema: { type: array, items: { type: string }, minItems: 1 }
        outputs:
          type: json
          schema:
            type: object
            required: [title]
            properties:
              title: { type: string }
        ---
        Write notes for {{ version }}.
        """;

    private readonly SkillFolderTree _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_skill_is_one_tool_with_its_schemas_and_a_description_a_model_can_choose_by()
    {
        _folder.Write("commit-style/SKILL.md", CommitStyle);
        _folder.Write("release-notes/SKILL.md", ReleaseNotes);
        _folder.Write("csv-helper/SKILL.md", "---\nname: csv-helper\ndescription: Helps with CSV files.\n---\nRead the CSV.\n");
        var skills = await SkillCollection.LoadAsync(_folder.Root, Ct);
        skills.Add(PrReviewSkill.Contract);
        await using var runner = new SkillRunner(new ScriptedChatClient());

        var tools = skills.CreateTools(runner).Cast<SkillTool>().ToDictionary(t => t.Name);

        Assert.Equal(["commit-style", "csv-helper", "release-notes", "pr-review"], skills.CreateTools(runner).Select(t => t.Name));
        Assert.Equal("Use this skill whenever you write a git commit message for this repository.", tools["commit-style"].Description);
        Assert.Equal("Writes release notes from a list of changes.", tools["release-notes"].Description);

        // Skills that take their task in words are called with one: a prose skill and a plain Agent Skills file.
        foreach (var name in new[] { "commit-style", "csv-helper" })
        {
            var schema = tools[name].JsonSchema;
            Assert.Equal(["task"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("string", schema.GetProperty("properties").GetProperty("task").GetProperty("type").GetString());
            Assert.Equal("string", tools[name].ReturnJsonSchema!.Value.GetProperty("type").GetString());
        }

        var notes = tools["release-notes"];
        Assert.Equal(["version", "changes"], notes.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, notes.JsonSchema.GetProperty("properties").GetProperty("changes").GetProperty("minItems").GetInt32());
        Assert.Equal("title", notes.ReturnJsonSchema!.Value.GetProperty("required")[0].GetString());
        Assert.Equal(_folder.PathOf("release-notes/SKILL.md"), notes.Descriptor.SourcePath);

        // A generated skill keeps its typed contract's schemas.
        Assert.Equal("uri", tools["pr-review"].JsonSchema.GetProperty("properties").GetProperty("pr_url").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Of_several_versions_the_highest_is_offered_and_the_same_file_twice_is_one_skill()
    {
        var older = _folder.Write("old/lint/SKILL.md", Lint("1.2.0", "old"));
        var newer = _folder.Write("new/lint/SKILL.md", Lint("1.10.0", "new"));
        var newerRelative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetDirectoryName(newer)!);
        var skills = new SkillCollection()
            .Add(await SkillDefinition.LoadAsync(older, Ct))
            .Add(await SkillDefinition.LoadAsync(newer, Ct))
            .Add(await SkillDefinition.LoadAsync(newerRelative, Ct));
        await using var runner = new SkillRunner(new ScriptedChatClient());

        var tool = Assert.IsType<SkillTool>(Assert.Single(skills.CreateTools(runner)));

        Assert.Equal("1.10.0", tool.Descriptor.Version!.ToString());
        Assert.Equal(newer, Path.GetFullPath(tool.Descriptor.SourcePath!));
    }

    [Fact]
    public async Task Two_skills_that_would_share_a_tool_name_are_an_error_naming_both_files()
    {
        var first = _folder.Write("team-a/review/SKILL.md", "---\nname: review\ndescription: Team A's review.\n---\nReview.\n");
        var second = _folder.Write("team-b/review/SKILL.md", "---\nname: review\ndescription: Team B's review.\n---\nReview.\n");
        var skills = await SkillCollection.LoadAsync(_folder.Root, Ct);
        await using var runner = new SkillRunner(new ScriptedChatClient());

        var error = Assert.Throws<InvalidOperationException>(() => skills.CreateTools(runner));

        Assert.Equal(
            $"2 skills would be the tool 'review': {first} and {second}; offer only one of them, or rename one (its 'name' in the frontmatter, or for a prose skill its folder).",
            error.Message);
    }

    [Fact]
    public async Task A_prose_skill_named_after_an_odd_folder_gets_a_tool_safe_name_and_a_clash_after_that_is_reported()
    {
        var spaced = _folder.Write("commit style/SKILL.md", CommitStyle);
        var skills = await SkillCollection.LoadAsync(_folder.Root, Ct);
        await using var runner = new SkillRunner(new ScriptedChatClient());

        Assert.Equal("commit_style", Assert.Single(skills.CreateTools(runner)).Name);

        var underscored = _folder.Write("commit_style/SKILL.md", CommitStyle);
        var both = await SkillCollection.LoadAsync(_folder.Root, Ct);
        var error = Assert.Throws<InvalidOperationException>(() => both.CreateTools(runner));
        Assert.Contains($"'commit_style': {spaced} and {underscored}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_arguments_are_answered_with_every_violation_and_nothing_runs()
    {
        _folder.Write("release-notes/SKILL.md", ReleaseNotes);
        var client = new ScriptedChatClient();
        await using var runner = new SkillRunner(client);
        var tool = Assert.IsType<SkillTool>(Assert.Single((await SkillCollection.LoadAsync(_folder.Root, Ct)).CreateTools(runner)));

        var result = await tool.InvokeAsync(Arguments("""{"version":2,"changes":[],"extra":true}"""), Ct);

        var error = Assert.IsType<JsonElement>(result);
        Assert.Equal(SkillTool.InvalidArgumentsError, error.GetProperty("error").GetString());
        Assert.Equal("release-notes", error.GetProperty("skill").GetString());
        Assert.Equal(["/changes", "/extra", "/version"], error.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("pointer").GetString()).Order(StringComparer.Ordinal));
        Assert.StartsWith("The input for skill 'release-notes' is invalid (3 problems):", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task A_skill_that_takes_a_task_runs_on_it_and_refuses_a_call_without_one()
    {
        _folder.Write("commit-style/SKILL.md", CommitStyle);
        var client = new ScriptedChatClient().Answer("Add the parser");
        await using var runner = new SkillRunner(client);
        var tool = Assert.IsType<SkillTool>(Assert.Single((await SkillCollection.LoadAsync(_folder.Root, Ct)).CreateTools(runner)));

        var missing = Assert.IsType<JsonElement>(await tool.InvokeAsync(Arguments("""{"subject":"parser"}"""), Ct));
        var output = await tool.InvokeAsync(Arguments("""{"task":"Write the subject for: added a parser"}"""), Ct);

        Assert.Equal(["/subject"], missing.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("pointer").GetString()));
        Assert.Equal("Add the parser", Assert.IsType<string>(output));
        var request = Assert.Single(client.Requests);
        Assert.Equal("Write the subject for: added a parser", request.User);
        Assert.StartsWith("# Commit message style", request.System, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_a_missing_folder_says_which()
    {
        var missing = _folder.PathOf("nope");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => SkillCollection.LoadAsync(missing, Ct));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private static string Lint(string version, string marker) => $$$"""
        ---
        name: lint
        version: {{{version}}}
        description: Lints code ({{{marker}}}).
        inputs:
          - name: code
            required: true
        ---
        Lint {{ code }}.
        """;

    private static AIFunctionArguments Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new AIFunctionArguments(document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()));
    }
}
