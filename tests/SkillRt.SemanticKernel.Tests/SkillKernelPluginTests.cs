using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.SemanticKernel.Tests;

/// <summary>
/// What <see cref="SkillKernelPluginFactory"/> makes of skills: the functions' metadata, references
/// inlined into self-contained parameter schemas, and a clear error naming the file for every skill
/// that cannot be a kernel function.
/// </summary>
public sealed class SkillKernelPluginTests : IDisposable
{
    private readonly SkillFolderTree _skills = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _skills.Dispose();

    [Fact]
    public async Task Each_function_has_the_skills_parameters_and_return_schema()
    {
        _skills.WriteAll();
        await using var runner = Runner();

        var plugin = SkillKernelPluginFactory.CreateFromSkills(await SkillCollection.LoadAsync(_skills.Root, Ct), runner, "release", "Release helpers.");

        Assert.Equal("release", plugin.Name);
        Assert.Equal("Release helpers.", plugin.Description);
        Assert.Equal(["commit-style", "release-notes", "translate"], plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        var metadata = plugin["release-notes"].Metadata;
        Assert.Equal("release", metadata.PluginName);
        Assert.StartsWith("Writes release notes for a version", metadata.Description, StringComparison.Ordinal);
        Assert.Equal(["version", "changes", "max_items", "draft"], metadata.Parameters.Select(p => p.Name));
        Assert.Equal([true, true, false, false], metadata.Parameters.Select(p => p.IsRequired));
        var maxItems = metadata.Parameters[2];
        Assert.Equal("The most highlights to write.", maxItems.Description);
        Assert.Equal(5, Assert.IsType<JsonElement>(maxItems.DefaultValue).GetInt32());
        Assert.Equal("integer", maxItems.Schema!.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, metadata.Parameters[1].Schema!.RootElement.GetProperty("minItems").GetInt32());
        Assert.Equal(["title", "highlights"], metadata.ReturnParameter.Schema!.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // A prose skill takes its task in words, and returns text.
        var commit = plugin["commit-style"].Metadata;
        Assert.Equal("Use this skill whenever you write a git commit message for this repository.", commit.Description);
        Assert.Equal("task", Assert.Single(commit.Parameters).Name);
        Assert.Equal("string", commit.ReturnParameter.Schema!.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_json_input_that_refers_to_its_own_definitions_gets_them_inlined()
    {
        _skills.Write("plot/SKILL.md", """
            ---
            name: plot
            description: Plots points.
            inputs:
              - name: points
                type: json
                required: true
                schema:
                  type: array
                  items: { $ref: '#/$defs/point' }
                  $defs:
                    point:
                      type: object
                      required: [x, y]
                      properties:
                        x: { $ref: '#/$defs/coordinate' }
                        y: { $ref: '#/$defs/coordinate', description: Up. }
                    coordinate: { type: number, minimum: 0 }
            ---
            Plot {{ points }}.
            """);
        await using var runner = Runner();

        var plugin = SkillKernelPluginFactory.CreateFromSkills(await SkillCollection.LoadAsync(_skills.Root, Ct), runner);

        var schema = Assert.Single(plugin["plot"].Metadata.Parameters).Schema!.RootElement;
        Assert.DoesNotContain("$ref", schema.GetRawText(), StringComparison.Ordinal);
        var point = schema.GetProperty("items");
        Assert.Equal(["x", "y"], point.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, point.GetProperty("properties").GetProperty("x").GetProperty("minimum").GetInt32());
        var y = point.GetProperty("properties").GetProperty("y");
        Assert.Equal("Up.", y.GetProperty("description").GetString());
        Assert.Equal("number", y.GetProperty("allOf")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Skills_that_cannot_be_kernel_functions_are_an_error_naming_each_file_and_why()
    {
        var outline = _skills.Write("outline/SKILL.md", """
            ---
            name: outline
            description: Writes an outline.
            inputs:
              - name: tree
                type: json
                required: true
                schema:
                  $ref: '#/$defs/node'
                  $defs:
                    node:
                      type: object
                      properties:
                        title: { type: string }
                        children: { type: array, items: { $ref: '#/$defs/node' } }
            ---
            Outline {{ tree }}.
            """);
        var links = _skills.Write("links/SKILL.md", """
            ---
            name: links
            description: Checks two links.
            inputs:
              - name: prUrl
                type: url
              - name: prurl
                type: url
            ---
            Check {{ prUrl }} and {{ prurl }}.
            """);
        var longName = _skills.Write("summarize-the-quarterly-financial-report-for-the-board/SKILL.md", """
            ---
            name: summarize-the-quarterly-financial-report-for-the-board
            description: Summarizes a report.
            ---
            Summarize.
            """);
        await using var runner = Runner();
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);

        var error = Assert.Throws<InvalidOperationException>(() => SkillKernelPluginFactory.CreateFromSkills(skills, runner, "finance_team_skills"));

        Assert.StartsWith("The skills cannot all be functions of the Semantic Kernel plugin 'finance_team_skills' (3 problems):", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{links}: its inputs 'prUrl' and 'prurl' differ only in letter case, and Semantic Kernel's arguments ignore case", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{outline}: input 'tree': its schema refers to itself ('$ref': '#/$defs/node')", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{longName}: would be the function 'finance_team_skills-summarize-the-quarterly-financial-report-for-the-board', 74 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_skills_with_one_function_name_are_an_error_naming_both_files()
    {
        var first = _skills.Write("team-a/review/SKILL.md", "---\nname: review\ndescription: Team A reviews.\n---\nReview.\n");
        var second = _skills.Write("team-b/review/SKILL.md", "---\nname: review\ndescription: Team B reviews.\n---\nReview.\n");
        await using var runner = Runner();
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);

        var error = Assert.Throws<InvalidOperationException>(() => SkillKernelPluginFactory.CreateFromSkills(skills, runner));

        Assert.Contains($"2 skills would be the tool 'review': {first} and {second}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_names_that_differ_only_in_case_are_an_error_naming_both_files()
    {
        // Prose skills are named after their folders, which may differ only in case on Linux.
        var upper = _skills.Write("Review/SKILL.md", "Review the change for style.\n");
        var lower = _skills.Write("review/SKILL.md", "Review the change for bugs.\n");
        await using var runner = Runner();
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);

        var error = Assert.Throws<InvalidOperationException>(() => SkillKernelPluginFactory.CreateFromSkills(skills, runner));

        Assert.Contains($"{upper} and {lower}: would be the functions 'Review' and 'review', whose names differ only in letter case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kernel_builder_gets_the_plugin_with_the_runner_from_its_services()
    {
        _skills.WriteAll();
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddChatClient(new NoModelChatClient());
        builder.Services.AddSkillRt();
        builder.Plugins.AddFromSkills(skills, "team");

        var kernel = builder.Build();

        Assert.Equal(["commit-style", "release-notes", "translate"], kernel.Plugins["team"].Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    private static SkillRunner Runner() => new(new NoModelChatClient());
}
