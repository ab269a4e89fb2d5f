using System.Linq;
using Xunit;

namespace SkillRt.Tests.Validation;

public sealed class SkillValidatorTests
{
    private static SkillValidationResult Validate(string frontmatter, string body = "Body.\n", string path = "skills/demo/SKILL.md") =>
        SkillValidator.Validate("---\n" + frontmatter + "---\n" + body, path);

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var result = Validate("name: Bad_Name\nversion: one\ninputs:\n  - name: 9lives\n  - name: ok\n    type: float\n");
        Assert.Equal(["SKILL0102", "SKILL0104", "SKILL0107", "SKILL0301", "SKILL0303"], result.Diagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void Diagnostics_are_sorted_by_position()
    {
        var result = Validate("version: bad\nname: Bad\n");
        var spans = result.Diagnostics.Select(d => (d.Span.StartLine, d.Span.StartColumn)).ToList();
        Assert.Equal(spans.OrderBy(s => s.StartLine).ThenBy(s => s.StartColumn), spans);
    }

    [Fact]
    public void Missing_name_suggests_the_folder_name()
    {
        var result = Validate("description: d\nversion: 1.0.0\n", path: "skills/pr-review/SKILL.md");
        Assert.Contains("add 'name: pr-review'", Assert.Single(result.Diagnostics).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_check_can_be_turned_off_and_ignores_other_file_names()
    {
        const string text = "---\nname: demo\ndescription: d\nversion: 1.0.0\n---\n";
        Assert.Contains(SkillValidator.Validate(text, "x/other/SKILL.md").Diagnostics, d => d.Id == "SKILL0103");
        Assert.Empty(SkillValidator.Validate(text, "x/other/SKILL.md", new SkillValidationOptions { CheckFolderName = false }).Diagnostics);
        Assert.Empty(SkillValidator.Validate(text, "x/other/demo-skill.md").Diagnostics);
        Assert.Empty(SkillValidator.Validate(text).Diagnostics);
    }

    [Fact]
    public void Defaults_are_bound_for_optional_sections()
    {
        var manifest = Validate("name: demo\ndescription: d\nversion: 1.0.0\n").Manifest;
        Assert.Equal(SkillRuntimeType.MarkdownSkill, manifest.Runtime.Type);
        Assert.Equal(SkillOutputType.Text, manifest.Output.Type);
        Assert.False(manifest.DeclaresInputs);
        Assert.Empty(manifest.Inputs);
        Assert.Empty(manifest.Permissions.Network);
    }

    [Theory]
    [InlineData("outputs:\n  schema: {type: object}\n", SkillOutputType.Json)]
    [InlineData("outputs:\n  type: file\n", SkillOutputType.File)]
    [InlineData("outputs: {}\n", SkillOutputType.Text)]
    public void Output_type_defaults_to_json_when_a_schema_is_given(string yaml, SkillOutputType expected)
    {
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\n" + yaml);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, result.Manifest.Output.Type);
    }

    [Fact]
    public void Process_command_string_is_split_and_list_is_kept()
    {
        var fromString = Validate("name: demo\ndescription: d\nversion: 1.0.0\nruntime:\n  type: process\n  command: python3  scripts/run.py --fast\n").Manifest;
        var fromList = Validate("name: demo\ndescription: d\nversion: 1.0.0\nruntime:\n  type: process\n  command: [python3, \"my script.py\"]\n").Manifest;
        Assert.Equal(["python3", "scripts/run.py", "--fast"], fromString.Runtime.Command);
        Assert.Equal(["python3", "my script.py"], fromList.Runtime.Command);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("  allow-truncated-output: false\n", false)]
    [InlineData("  allow-truncated-output: true\n", true)]
    public void Allow_truncated_output_is_off_unless_set(string yaml, bool expected)
    {
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\nruntime:\n  type: process\n  command: python3 run.py\n" + yaml);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, result.Manifest.Runtime.AllowTruncatedOutput);
    }

    [Fact]
    public void Skill_dependencies_bind_names_and_ranges()
    {
        var manifest = Validate("name: demo\ndescription: d\nversion: 1.0.0\ndependencies:\n  skills: [lint, \"fmt@^1.2\", \"search@[1.0,2.0)\", \"any@*\"]\n").Manifest;
        Assert.Equal(["lint", "fmt@^1.2", "search@[1.0,2.0)", "any@*"], manifest.Dependencies.Skills.Select(s => s.ToString()));
        Assert.Same(SkillVersionRange.Any, manifest.Dependencies.Skills[0].Range);
        Assert.Equal("[1.2.0, 2.0.0)", manifest.Dependencies.Skills[1].Range.ToString());
    }

    [Fact]
    public void Unknown_top_level_keys_are_extensions_in_order_and_reported_as_info()
    {
        var result = Validate("name: demo\nmodel: opus\ndescription: d\nversion: 1.0.0\nx-team: core\n");
        Assert.Equal(["model", "x-team"], result.Manifest.Extensions.Select(e => e.Name));
        Assert.All(result.Diagnostics, d => Assert.Equal(SkillDiagnosticSeverity.Info, d.Severity));
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Body_is_a_template_only_when_inputs_are_declared()
    {
        const string body = "Use ${{ secrets.TOKEN }} in the workflow.\n";
        Assert.Empty(Validate("name: demo\ndescription: d\nversion: 1.0.0\n", body).Diagnostics);
        var templated = Validate("name: demo\ndescription: d\nversion: 1.0.0\ninputs: []\n", body);
        var diagnostic = Assert.Single(templated.Diagnostics);
        Assert.Equal("SKILL0701", diagnostic.Id);
        Assert.Equal(new SourceSpan(7, 9, 7, 16), diagnostic.Span);
    }

    [Fact]
    public void Prose_skills_are_not_validated_for_metadata()
    {
        var result = SkillValidator.Validate("# Just prose {{ not_a_template }}\n", "anything/SKILL.md");
        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Manifest.Name);
    }

    [Fact]
    public void Frontmatter_that_cannot_be_read_gets_no_semantic_diagnostics()
    {
        var result = SkillValidator.Validate("---\nname: [\n---\n");
        Assert.Equal("SKILL0002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Description_length_counts_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("🚀", 1000));
        Assert.DoesNotContain(Validate($"name: demo\ndescription: \"{emoji}\"\nversion: 1.0.0\n").Diagnostics, d => d.Id == "SKILL0105");
    }

    [Theory]
    [InlineData("command: \"\"")]
    [InlineData("command: []")]
    [InlineData("command:")]
    public void Process_runtime_needs_a_non_empty_command(string command)
    {
        var result = Validate($"name: demo\ndescription: d\nversion: 1.0.0\nruntime:\n  type: process\n  {command}\n");
        Assert.Contains(result.Diagnostics, d => d.Id == "SKILL0203");
    }

    [Fact]
    public void Undeclared_names_before_an_unterminated_tag_are_still_reported()
    {
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\ninputs: []\n", "{{ a }} then {{ b\n");
        Assert.Equal(["SKILL0701", "SKILL0702"], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Liquid_tag_assignments_declare_locals()
    {
        var body = "{% liquid\n  assign total = 3\n  for item in items\n  endfor\n%}{{ total }} {{ item }} {{ missing }}\n";
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: items\n    type: json\n", body);
        Assert.Equal("'missing' is not a declared input, so every run that renders it fails; declare it under 'inputs' or fix the name", Assert.Single(result.Diagnostics).Message);
    }

    [Theory]
    [InlineData("Review {{ pr_link }}.\n", "SKILL0701")]
    [InlineData("Review {{ pr_url\n", "SKILL0702")]
    [InlineData("Review {% if pr_url\n", "SKILL0702")]
    public void Templates_that_cannot_render_are_errors_not_warnings(string body, string id)
    {
        // Issue 15: a warning at build time that then fails every run ('pr_link' is not an input of the skill).
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: pr_url\n    type: url\n", body);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((id, SkillDiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.True(result.HasErrors);
    }

    [Theory]
    [InlineData("name: demo\ndescription: d\n")]
    [InlineData("name: demo\ndescription: d\nlicense: MIT\ncompatibility: Needs git.\nallowed-tools: Bash(git:*) Read\nmetadata:\n  author: jane\n")]
    [InlineData("name: demo\ndescription: d\nuser-invocable: true\nargument-hint: '[file]'\n")]
    public void Agent_Skills_files_are_not_asked_for_a_version(string frontmatter)
    {
        // Issue 15: 437 of 453 warnings on a corpus of real Agent Skills were SKILL0106, whose advice
        // (add 'version') a strict Agent Skills file cannot follow.
        Assert.DoesNotContain(Validate(frontmatter).Diagnostics, d => d.Severity != SkillDiagnosticSeverity.Info);
    }

    [Theory]
    [InlineData("tags: [review]\n")]
    [InlineData("authors: [jane]\n")]
    [InlineData("inputs: []\n")]
    [InlineData("permissions:\n  network: [api.github.com]\n")]
    public void Files_that_use_SkillRt_keys_are_asked_for_a_version(string key)
    {
        var diagnostic = Assert.Single(Validate("name: demo\ndescription: d\n" + key).Diagnostics);
        Assert.Equal(("SKILL0106", SkillDiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
    }

    [Fact]
    public void Metadata_that_is_not_text_is_a_portability_warning_and_is_kept_as_json()
    {
        // Issue 15: the Agent Skills reference validator and the agents accept metadata.requires: {…}.
        var result = Validate("name: demo\ndescription: d\nmetadata:\n  author: jane\n  requires: {bins: [gh], env: [GH_TOKEN]}\n  none:\n");

        Assert.False(result.HasErrors);
        Assert.Equal(["SKILL0112", "SKILL0112"], result.Diagnostics.Select(d => d.Id));
        Assert.All(result.Diagnostics, d => Assert.Equal(SkillDiagnosticSeverity.Warning, d.Severity));
        Assert.StartsWith("'metadata.requires' is a mapping; Agent Skills defines metadata values as text", result.Diagnostics[0].Message, System.StringComparison.Ordinal);
        Assert.Equal(
            [new("author", "jane"), new("requires", """{"bins":["gh"],"env":["GH_TOKEN"]}"""), new("none", "null")],
            result.Manifest.Metadata);
    }

    [Fact]
    public void Infinite_schema_bounds_are_malformed()
    {
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\noutputs:\n  schema: {type: number, minimum: 1e400}\n");
        Assert.Equal("SKILL0402", Assert.Single(result.Diagnostics).Id);
    }

    [Theory]
    [InlineData("/tmp/report.md", true)]
    [InlineData("relative/path", true)]
    [InlineData("https://example.com/x", false)]
    [InlineData("mailto:someone@example.com", false)]
    public void Url_defaults_must_name_a_scheme_on_every_platform(string value, bool rejected)
    {
        var result = Validate($"name: demo\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: u\n    type: url\n    default: \"{value}\"\n", "{{ u }}\n");
        Assert.Equal(rejected, result.Diagnostics.Any(d => d.Id == "SKILL0304"));
    }

    [Fact]
    public void Empty_optional_sections_mean_not_given()
    {
        var result = Validate("name: demo\ndescription: d\nversion: 1.0.0\ntags:\nauthors: ~\nruntime:\npermissions:\ninputs:\n", "{{ oops }}\n");
        Assert.Equal("SKILL0701", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.Manifest.Tags);
        Assert.True(result.Manifest.DeclaresInputs);
    }

    [Theory]
    [InlineData("src/[", "'[' at position 5 has no closing ']'")]
    [InlineData("src/[]", "'[' at position 5 has no closing ']'")]
    [InlineData("a]", "']' at position 2 has no opening '['")]
    [InlineData("}", "'}' at position 1 has no opening '{'")]
    [InlineData(" ", "it is empty")]
    public void Invalid_globs_are_reported_without_throwing(string glob, string problem)
    {
        var result = Validate($"name: demo\ndescription: d\nversion: 1.0.0\npermissions:\n  filesystem: [\"{glob}\"]\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0602", diagnostic.Id);
        Assert.EndsWith(problem, diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/[]]/*.cs")]
    [InlineData("**/*.{cs,md}")]
    [InlineData("~/notes/[!.]*")]
    [InlineData("a\\[b")]
    [InlineData("[!]a]")]
    public void Valid_globs_are_accepted(string glob) =>
        Assert.Empty(Validate($"name: demo\ndescription: d\nversion: 1.0.0\npermissions:\n  filesystem: ['{glob}']\n").Diagnostics);

    [Theory]
    [InlineData("api.github.com")]
    [InlineData("*.github.com")]
    [InlineData("localhost:8080")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[2001:db8::1]:443")]
    [InlineData("*")]
    public void Valid_network_entries_are_accepted(string host)
    {
        var result = Validate($"name: demo\ndescription: d\nversion: 1.0.0\npermissions:\n  network: [\"{host}\"]\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal([host], result.Manifest.Permissions.Network);
    }
}
