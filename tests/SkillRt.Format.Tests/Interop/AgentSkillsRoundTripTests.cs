using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Tests.Validation;
using Xunit;

namespace SkillRt.Tests.Interop;

/// <summary>Split and merge over every example and valid fixture: strict Agent Skills output, lossless return.</summary>
public sealed class AgentSkillsRoundTripTests
{
    public static TheoryData<string> StructuredSkills() =>
        [.. ExampleSkillTests.ValidSkillPaths().Where(path => SkillDocument.Load(Full(path)).Mode == SkillMode.Structured)];

    [Fact]
    public void Every_example_but_the_prose_one_is_covered()
    {
        Assert.Equal(ExampleSkillTests.ValidSkillPaths().Count() - 1, StructuredSkills().Count);
    }

    [Theory]
    [MemberData(nameof(StructuredSkills))]
    public void Export_has_only_agent_skills_keys_and_passes_a_strict_validator(string relativePath)
    {
        var original = File.ReadAllText(Full(relativePath));
        var split = AgentSkillsFormat.Split(original);
        Assert.True(split.Succeeded, string.Join("\n", split.Problems));

        var exported = SkillDocument.Parse(split.SkillMarkdown!);
        Assert.All(exported.Frontmatter!.Entries, entry => Assert.Contains(entry.Name, AgentSkillsFormat.Keys));
        if (exported.Frontmatter["allowed-tools"] is { } allowedTools)
        {
            Assert.Equal(FrontmatterScalarKind.String, Assert.IsType<FrontmatterScalar>(allowedTools).Kind);
        }

        var name = ((FrontmatterScalar)exported.Frontmatter["name"]!).Value;
        Assert.Empty(StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, name));
        Assert.Equal(SkillDocument.Parse(original).Body, exported.Body);
        Assert.Empty(split.RewrittenKeys);
    }

    [Theory]
    [MemberData(nameof(StructuredSkills))]
    public void Loading_the_exported_folder_gives_the_original_manifest(string relativePath)
    {
        var originalPath = Full(relativePath);
        var original = SkillValidator.Validate(SkillDocument.Load(originalPath), new SkillValidationOptions { CheckFolderName = false });
        var split = AgentSkillsFormat.Split(File.ReadAllText(originalPath));
        using var folder = new AgentSkillsTestFolder();
        var exportedPath = folder.WriteSplit(original.Manifest.Name!, split);

        var exported = SkillValidator.Validate(SkillDocument.Load(exportedPath));

        Assert.False(exported.HasErrors, DiagnosticFormatter.Format(exported.Diagnostics));
        Assert.Equal(split.Sidecar is null ? null : Path.Combine(Path.GetDirectoryName(exportedPath)!, AgentSkillsFormat.SidecarFileName), exported.Document.SidecarPath);
        Assert.Equal(AgentSkillsTestFolder.JsonByKey(original.Document.Frontmatter), AgentSkillsTestFolder.JsonByKey(exported.Document.Frontmatter));
        Assert.Equal(original.Document.Body, exported.Document.Body);

        var (before, after) = (original.Manifest, exported.Manifest);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Description, after.Description);
        Assert.Equal(before.AllowedTools, after.AllowedTools);
        Assert.Equal(before.Metadata, after.Metadata);
        Assert.Equal(before.Runtime.Type, after.Runtime.Type);
        Assert.Equal(before.DeclaresInputs, after.DeclaresInputs);
        Assert.Equal(before.Inputs.Select(i => (i.Name, i.Type, i.Required, i.Default?.ToJson())), after.Inputs.Select(i => (i.Name, i.Type, i.Required, i.Default?.ToJson())));
        Assert.Equal(before.Output.Type, after.Output.Type);
        Assert.Equal(before.Output.Schema?.ToJson(), after.Output.Schema?.ToJson());
        Assert.Equal(before.Permissions.Network, after.Permissions.Network);
        Assert.Equal(before.Extensions.Select(e => e.Name), after.Extensions.Select(e => e.Name));
        Assert.Equal(
            original.Diagnostics.Select(d => d.Id + " " + d.Message).Order(StringComparer.Ordinal),
            exported.Diagnostics.Select(d => d.Id + " " + d.Message).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StructuredSkills))]
    public void Merge_of_the_split_gives_the_same_keys_and_values_back(string relativePath)
    {
        var original = File.ReadAllText(Full(relativePath));
        var split = AgentSkillsFormat.Split(original);

        var merge = AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar);

        Assert.True(merge.Succeeded, string.Join("\n", merge.Problems));
        var merged = SkillDocument.Parse(merge.SkillMarkdown!);
        Assert.Empty(merged.Diagnostics);
        Assert.Equal(AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(original).Frontmatter), AgentSkillsTestFolder.JsonByKey(merged.Frontmatter));
        Assert.Equal(SkillDocument.Parse(original).Body, merged.Body);

        // Splitting the merge again gives the same two files.
        var again = AgentSkillsFormat.Split(merge.SkillMarkdown!);
        Assert.Equal(split.SkillMarkdown, again.SkillMarkdown);
        Assert.Equal(split.Sidecar, again.Sidecar);
    }

    /// <summary>
    /// A merge puts the SkillRt keys after the Agent Skills keys. It gives back the original byte for
    /// byte exactly when the original already had that order; the other examples list 'version'
    /// (and more) between 'name' and 'description' or before 'license'.
    /// </summary>
    [Fact]
    public void Merge_is_byte_for_byte_exactly_when_agent_skills_keys_come_first()
    {
        var exact = new List<string>();
        foreach (var relativePath in StructuredSkills())
        {
            var original = File.ReadAllText(Full(relativePath));
            var split = AgentSkillsFormat.Split(original);
            var merged = AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar).SkillMarkdown;
            var names = SkillDocument.Parse(original).Frontmatter!.Entries.Select(e => AgentSkillsFormat.IsAgentSkillsKey(e.Name)).ToList();
            var agentKeysFirst = names.SkipWhile(isAgentKey => isAgentKey).All(isAgentKey => !isAgentKey);

            Assert.Equal(agentKeysFirst, merged == original);
            if (merged == original)
            {
                exact.Add(Path.GetFileName(Path.GetDirectoryName(relativePath))!);
            }
        }

        Assert.Equal(["agent-skills-minimal", "csv-summary"], exact.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_prose_skill_cannot_be_split_and_the_problem_says_what_to_add()
    {
        var split = AgentSkillsFormat.Split(File.ReadAllText(Path.Combine(TestPaths.Examples, "commit-style", "SKILL.md")));

        Assert.False(split.Succeeded);
        Assert.Null(split.SkillMarkdown);
        var problem = Assert.Single(split.Problems);
        Assert.Contains("'name'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'description'", problem.Message, StringComparison.Ordinal);
    }

    private static string Full(string relativePath) => Path.Combine(TestPaths.RepositoryRoot, relativePath);
}
