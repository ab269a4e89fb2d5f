using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SkillRt.Tests.Validation;

public sealed class ExampleSkillTests
{
    public static IEnumerable<string> ValidSkillPaths() =>
        new[] { TestPaths.Examples, Path.Combine(TestPaths.Fixtures, "Valid") }
            .SelectMany(root => Directory.GetFiles(root, "SKILL.md", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(TestPaths.RepositoryRoot, file))
            .Order(System.StringComparer.Ordinal);

    public static TheoryData<string> ValidSkills() => [.. ValidSkillPaths()];

    [Theory]
    [MemberData(nameof(ValidSkills))]
    public void Valid_skill_has_no_errors(string relativePath)
    {
        var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.RepositoryRoot, relativePath)));
        Assert.False(result.HasErrors, DiagnosticFormatter.Format(result.Diagnostics));
    }

    [Fact]
    public void Structured_valid_skills_have_no_warnings_except_a_missing_version()
    {
        foreach (var relativePath in ValidSkillPaths())
        {
            var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.RepositoryRoot, relativePath)));
            Assert.All(result.Diagnostics, d => Assert.True(d.Id == "SKILL0106", relativePath + ": " + DiagnosticFormatter.Format(d)));
        }
    }

    [Fact]
    public void Model_hints_bind_to_the_runtime()
    {
        var manifest = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Fixtures, "Valid", "model-hints", "SKILL.md"))).Manifest;

        Assert.Equal("gpt-4.1-mini", manifest.Runtime.Model.Id);
        Assert.Equal(0.2, manifest.Runtime.Model.Temperature);
        Assert.Equal(2000, manifest.Runtime.Model.MaxOutputTokens);
        Assert.Same(SkillModelHints.None, SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"))).Manifest.Runtime.Model);
    }

    [Fact]
    public void Agent_docs_bind_as_strings_and_as_mappings_with_operations()
    {
        var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Fixtures, "Valid", "agent-docs", "SKILL.md")));

        Assert.Empty(result.Diagnostics);
        var docs = result.Manifest.Dependencies.AgentDocs;
        Assert.Equal(["stripe@^2024.6", "docs.example_v2", "resend@^1.5"], docs.Select(d => d.ToString()));
        Assert.Same(SkillVersionRange.Any, docs[1].Range);
        Assert.True(docs[2].Range.Satisfies(new SemanticVersion(1, 9, 0)));
        Assert.False(docs[2].Range.Satisfies(new SemanticVersion(2, 0, 0)));
        Assert.Empty(docs[0].Operations);
        Assert.Equal(["SendEmail", "emails/batch:send"], docs[2].Operations);
        Assert.Equal(9, docs[2].Span.StartLine);
    }

    [Fact]
    public void Pr_review_binds_to_a_complete_manifest()
    {
        var manifest = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"))).Manifest;

        Assert.Equal("pr-review", manifest.Name);
        Assert.Equal(new SemanticVersion(1, 2, 0), manifest.Version);
        Assert.StartsWith("Reviews a GitHub pull request", manifest.Description, System.StringComparison.Ordinal);
        Assert.Equal(["code-review", "github"], manifest.Tags);
        Assert.Equal(SkillRuntimeType.MarkdownSkill, manifest.Runtime.Type);
        Assert.Equal(new SemanticVersion(0, 2, 0), manifest.Runtime.MinVersion);

        Assert.Equal(["pr_url", "focus", "max_findings", "include_nits"], manifest.Inputs.Select(i => i.Name));
        var prUrl = manifest.Inputs[0];
        Assert.Equal(SkillInputType.Url, prUrl.Type);
        Assert.True(prUrl.Required);
        Assert.Null(prUrl.Default);
        var focus = manifest.Inputs[1];
        Assert.Equal(["correctness", "security", "style", "all"], focus.EnumValues);
        Assert.Equal("\"all\"", focus.Default!.ToJson());
        Assert.Equal(SkillInputType.Integer, manifest.Inputs[2].Type);
        Assert.Equal("20", manifest.Inputs[2].Default!.ToJson());

        Assert.Equal(SkillOutputType.Json, manifest.Output.Type);
        var schema = Assert.IsType<FrontmatterMapping>(manifest.Output.Schema);
        var findings = (FrontmatterMapping)((FrontmatterMapping)schema["properties"]!)["findings"]!;
        Assert.Equal("array", ((FrontmatterScalar)findings["type"]!).Value);

        Assert.Empty(manifest.Dependencies.Tools);
        Assert.Equal(["github.com", "patch-diff.githubusercontent.com"], manifest.Permissions.Network);
        var rule = Assert.Single(manifest.Permissions.Filesystem);
        Assert.Equal("./**", rule.Pattern);
        Assert.Equal(SkillFileAccess.Read, rule.Access);
        Assert.Equal(["GITHUB_TOKEN"], manifest.Permissions.Environment);
        Assert.Empty(manifest.Extensions);
    }

    [Fact]
    public void Agent_skills_folder_binds_its_six_keys()
    {
        var manifest = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Examples, "csv-summary", "SKILL.md"))).Manifest;

        Assert.Equal("csv-summary", manifest.Name);
        Assert.Equal("Apache-2.0", manifest.License);
        Assert.StartsWith("Requires Python 3.9", manifest.Compatibility, System.StringComparison.Ordinal);
        Assert.Equal([new("author", "skillrt-examples"), new("category", "data")], manifest.Metadata);
        Assert.Equal(["Bash(python3:*)", "Read"], manifest.AllowedTools);
        Assert.False(manifest.DeclaresInputs);
        Assert.Null(manifest.Version);
        Assert.True(File.Exists(Path.Combine(TestPaths.Examples, "csv-summary", "scripts", "summarize.py")));
    }

    [Fact]
    public void Prose_example_is_prose_with_an_empty_manifest()
    {
        var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Examples, "commit-style", "SKILL.md")));
        Assert.Equal(SkillMode.Prose, result.Document.Mode);
        Assert.Null(result.Manifest.Name);
        Assert.Empty(result.Diagnostics);
    }
}
