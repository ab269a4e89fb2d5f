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
    public void Memory_binds_kinds_with_their_schemas_and_read_and_write_grants()
    {
        var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Fixtures, "Valid", "memory", "SKILL.md")));

        Assert.Empty(result.Diagnostics);
        var memory = result.Manifest.Memory;
        Assert.Equal(["rtt-api-note", "page"], memory.Kinds.Select(k => k.Name));
        Assert.Equal("A finding about the RTT API.", memory.Kinds[0].Description);
        Assert.Null(memory.Kinds[1].Description);
        Assert.IsType<FrontmatterMapping>(memory.Kinds[0].Schema);
        Assert.Equal(7, memory.Kinds[0].Span.StartLine);
        Assert.Same(memory.Kinds[1], memory.FindKind("page"));
        Assert.Null(memory.FindKind("other"));

        Assert.Equal(["acme/payments", "acme/shared/*"], memory.Read.Select(g => g.ToString()));
        Assert.Empty(memory.Read[0].Kinds);
        Assert.Equal(["rtt-api-note", "page"], memory.Read[1].Kinds);
        Assert.Equal(["acme/payments"], memory.Write.Select(g => g.ToString()));

        // Reads: the namespace itself with any kind; below acme/shared with the listed kinds only.
        Assert.True(memory.CanRead("acme/payments", "anything"));
        Assert.True(memory.CanRead("acme/payments", null));
        Assert.False(memory.CanRead("acme/payments/eu", "page"));
        Assert.True(memory.CanRead("acme/shared/eu", "page"));
        Assert.True(memory.CanRead("acme/shared/eu/west", "rtt-api-note"));
        Assert.False(memory.CanRead("acme/shared", "page"));
        Assert.False(memory.CanRead("acme/shared-other/x", "page"));
        Assert.False(memory.CanRead("acme/shared/eu", "secret"));

        // Writes are granted separately from reads.
        Assert.True(memory.CanWrite("acme/payments", "rtt-api-note"));
        Assert.False(memory.CanWrite("acme/payments", "page"));
        Assert.False(memory.CanWrite("acme/shared/eu", "page"));
    }

    [Fact]
    public void A_skill_without_memory_declares_none_and_may_reach_nothing()
    {
        var manifest = SkillValidator.Validate(SkillDocument.Load(Path.Combine(TestPaths.Fixtures, "Valid", "agent-docs", "SKILL.md"))).Manifest;

        Assert.Same(SkillMemory.None, manifest.Memory);
        Assert.True(manifest.Memory.IsEmpty);
        Assert.False(manifest.Memory.CanRead("acme", null));
    }

    [Theory]
    [InlineData("acme", null)]
    [InlineData("acme/payments/eu-west-1", null)]
    [InlineData("a/b/c/d/e/f/g/h", null)]
    [InlineData("", "it is empty")]
    [InlineData("acme/", "a segment is empty (a leading, trailing or doubled '/')")]
    [InlineData("acme/*", "'*' may only end a grant, as in 'acme/*'")]
    [InlineData("a/b/c/d/e/f/g/h/i", "it has 9 segments; the limit is 8")]
    [InlineData("acme/-pay", "the segment '-pay' is invalid: it must not start or end with '-' (use 'pay')")]
    public void Memory_namespaces_follow_one_rule(string name, string? problem) =>
        Assert.Equal(problem, SkillMemoryNamespace.Check(name));

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
