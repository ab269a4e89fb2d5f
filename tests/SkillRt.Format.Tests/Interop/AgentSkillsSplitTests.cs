using System;
using System.Linq;
using Xunit;

namespace SkillRt.Tests.Interop;

/// <summary>What a split keeps, moves, rewrites and refuses, and what a merge does with the result.</summary>
public sealed class AgentSkillsSplitTests
{
    private const string Body = "Use {{ topic }}.\n";

    [Fact]
    public void Keys_move_as_their_own_lines_with_the_comments_above_them()
    {
        const string original =
            "---\n" +
            "# The skill\n" +
            "name: demo\n" +
            "version: 1.0.0 # bumped by CI\n" +
            "\n" +
            "description: 'Shows the split.'\n" +
            "# Inputs: keep them short\n" +
            "inputs:\n" +
            "  - name: topic   # the only one\n" +
            "    required: true\n" +
            "\n" +
            "license: MIT\n" +
            "x-owner: \"team a\"\n" +
            "---\n" + Body;

        var split = AgentSkillsFormat.Split(original);

        Assert.True(split.Succeeded, string.Join("\n", split.Problems));
        Assert.Equal("---\n# The skill\nname: demo\ndescription: 'Shows the split.'\nlicense: MIT\n---\n" + Body, split.SkillMarkdown);
        Assert.Equal(
            "version: 1.0.0 # bumped by CI\n\n# Inputs: keep them short\ninputs:\n  - name: topic   # the only one\n    required: true\n\nx-owner: \"team a\"\n",
            split.Sidecar);
        Assert.Equal(
            "---\n# The skill\nname: demo\ndescription: 'Shows the split.'\nlicense: MIT\n" + split.Sidecar + "---\n" + Body,
            AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar).SkillMarkdown);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Line_ends_and_a_byte_order_mark_survive_a_round_trip_byte_for_byte(string newline)
    {
        var original = "\uFEFF" + string.Join(newline, "---", "name: demo", "description: d", "inputs:", "  - name: topic", "---", "Use {{ topic }}.", "");

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("\uFEFF" + string.Join(newline, "---", "name: demo", "description: d", "---", "Use {{ topic }}.", ""), split.SkillMarkdown);
        Assert.Equal(string.Join(newline, "inputs:", "  - name: topic", ""), split.Sidecar);
        Assert.Equal(original, AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar).SkillMarkdown);
    }

    [Fact]
    public void A_skill_with_only_agent_skills_keys_has_no_sidecar_and_is_unchanged()
    {
        const string original = "---\nname: demo\ndescription: d\nallowed-tools: Read Bash(git:*)\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal(original, split.SkillMarkdown);
        Assert.Null(split.Sidecar);
        Assert.Equal(original, AgentSkillsFormat.Merge(original, null).SkillMarkdown);
    }

    [Fact]
    public void An_allowed_tools_list_becomes_one_space_separated_string()
    {
        const string original = "---\nname: demo\ndescription: d\nallowed-tools:\n  - Read\n  - \"Bash(git:*)\"  # git only\nversion: 1.0.0\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("---\nname: demo\ndescription: d\nallowed-tools: Read Bash(git:*)  # git only\n---\nBody\n", split.SkillMarkdown);
        Assert.Equal(["allowed-tools"], split.RewrittenKeys);
        Assert.Empty(StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, "demo"));
        Assert.Equal(
            SkillValidator.Validate(original).Manifest.AllowedTools,
            SkillValidator.Validate(AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar).SkillMarkdown!).Manifest.AllowedTools);
    }

    [Fact]
    public void An_allowed_tools_entry_with_a_space_cannot_become_a_string()
    {
        const string original = "---\nname: demo\ndescription: d\nallowed-tools: [Read, \"Bash(git status)\"]\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        var problem = Assert.Single(split.Problems);
        Assert.Equal(new SourceSpan(4, 23, 4, 41), problem.Span);
        Assert.False(problem.InSidecar);
        Assert.Contains("'Bash(git status)'", problem.Message, StringComparison.Ordinal);
        Assert.Null(split.SkillMarkdown);
        Assert.Null(split.Sidecar);
        Assert.StartsWith("x/SKILL.md(4,23): error: the 'allowed-tools' entry", problem.ToString("x/SKILL.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_and_booleans_in_agent_skills_keys_are_quoted_keeping_their_text()
    {
        const string original = "---\nname: demo\ndescription: d\nlicense: 2\nmetadata:\n  version: 1.0\n  internal: true\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("---\nname: demo\ndescription: d\nlicense: \"2\"\nmetadata:\n  version: \"1.0\"\n  internal: \"true\"\n---\nBody\n", split.SkillMarkdown);
        Assert.Equal(["license", "metadata"], split.RewrittenKeys);
        Assert.Empty(StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, "demo"));
        var (before, after) = (SkillValidator.Validate(original).Manifest, SkillValidator.Validate(split.SkillMarkdown!).Manifest);
        Assert.Equal(before.License, after.License);
        Assert.Equal(before.Metadata, after.Metadata);
    }

    [Fact]
    public void Plain_text_that_YAML_1_1_types_or_breaks_is_quoted_too()
    {
        const string original = "---\nname: on\ndescription: Reads\u2028lines.\nlicense: yes\nmetadata:\n  updated: 2024-01-31\n  size: 1_000\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("---\nname: \"on\"\ndescription: \"Reads\\u2028lines.\"\nlicense: \"yes\"\nmetadata:\n  updated: \"2024-01-31\"\n  size: \"1_000\"\n---\nBody\n", split.SkillMarkdown);
        Assert.Equal(["name", "description", "license", "metadata"], split.RewrittenKeys);
        Assert.Empty(StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, "on"));
        var (before, after) = (SkillValidator.Validate(original).Manifest, SkillValidator.Validate(split.SkillMarkdown!).Manifest);
        Assert.Equal((before.Name, before.Description, before.License), (after.Name, after.Description, after.License));
        Assert.Equal(before.Metadata, after.Metadata);
    }

    [Fact]
    public void A_line_separator_outside_a_value_is_reported()
    {
        var split = AgentSkillsFormat.Split("---\nname: demo\ndescription: d # note\u2028\"\n---\nBody\n");

        var problem = Assert.Single(split.Problems);
        Assert.Equal(3, problem.Span.StartLine);
        Assert.Contains("U+2028", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_skills_key_without_a_value_moves_to_the_sidecar()
    {
        const string original = "---\nname: demo\nlicense:\ndescription: d\nmetadata: ~\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("---\nname: demo\ndescription: d\n---\nBody\n", split.SkillMarkdown);
        Assert.Equal("license:\nmetadata: ~\n", split.Sidecar);
    }

    [Theory]
    [InlineData("metadata: {author: me}\n", 5, "flow style")]
    [InlineData("license: !!str MIT\n", 5, "tag")]
    [InlineData("license: &l MIT\n", 5, "anchor")]
    [InlineData("metadata:\n  &k author: me\n", 6, "anchor or a tag")]
    [InlineData("compatibility: Needs a---b\n", 5, "'---'")]
    public void Forms_strict_validators_reject_are_reported_not_written(string line, int problemLine, string expected)
    {
        var split = AgentSkillsFormat.Split("---\nname: demo\ndescription: d\nversion: 1.0.0\n" + line + "---\nBody\n");

        var problem = Assert.Single(split.Problems);
        Assert.Equal(problemLine, problem.Span.StartLine);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Null(split.SkillMarkdown);
    }

    [Fact]
    public void An_alias_between_a_kept_key_and_a_moved_one_is_reported()
    {
        // The list is rewritten as a string, so its anchor would be gone from SKILL.md.
        var split = AgentSkillsFormat.Split("---\nname: demo\ndescription: d\nallowed-tools: [&read Read, Write]\nx-tools: [*read]\n---\nBody\n");

        var problem = Assert.Single(split.Problems);
        Assert.Equal(5, problem.Span.StartLine);
        Assert.Contains("alias", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_too_long_with_its_white_space_is_reported()
    {
        // 1024 characters for SkillRt, which trims; 1025 for Agent Skills validators, which do not.
        var original = "---\nname: demo\ndescription: |\n  " + new string('a', 1024) + "\n---\nBody\n";
        Assert.False(SkillValidator.Validate(original).HasErrors);

        var problem = Assert.Single(AgentSkillsFormat.Split(original).Problems);

        Assert.Contains("1025 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'>-'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_skill_is_refused_with_its_errors()
    {
        var split = AgentSkillsFormat.Split("---\nname: Demo\ndescription: d\n---\nBody\n");

        var problem = Assert.Single(split.Problems);
        Assert.StartsWith("SKILL0102: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Span.StartLine);
    }

    [Fact]
    public void A_flow_mapping_frontmatter_cannot_be_cut_into_lines()
    {
        var split = AgentSkillsFormat.Split("---\n{name: demo, description: d, version: 1.0.0}\n---\nBody\n");

        Assert.Contains("does not start its own line", Assert.Single(split.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_end_line_stays_last_and_the_merge_goes_before_it()
    {
        const string original = "---\nname: demo\ndescription: d\nversion: 1.0.0\n...\n# the end\n---\nBody\n";

        var split = AgentSkillsFormat.Split(original);

        Assert.Equal("---\nname: demo\ndescription: d\n...\n# the end\n---\nBody\n", split.SkillMarkdown);
        Assert.Equal("version: 1.0.0\n", split.Sidecar);
        Assert.Equal(original, AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar).SkillMarkdown);
    }

    [Fact]
    public void Merge_adds_a_line_break_to_a_sidecar_without_one()
    {
        var merge = AgentSkillsFormat.Merge("---\r\nname: demo\r\ndescription: d\r\n---\r\nBody\r\n", "version: 1.0.0");

        Assert.Equal("---\r\nname: demo\r\ndescription: d\r\nversion: 1.0.0\r\n---\r\nBody\r\n", merge.SkillMarkdown);
    }

    [Theory]
    [InlineData("name: other\n", 1, "in both files (SKILL.md line 2)")]
    [InlineData("version: 1.0.0\n---\ntags: [a]\n", 2, "'---' line")]
    [InlineData("version: [1.0.0\n", 1, "SKILL0002")]
    public void Merge_refuses_a_sidecar_that_does_not_fit(string sidecar, int line, string expected)
    {
        var merge = AgentSkillsFormat.Merge("---\nname: demo\ndescription: d\n---\nBody\n", sidecar);

        Assert.False(merge.Succeeded);
        Assert.Null(merge.SkillMarkdown);
        var problem = merge.Problems.First(p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.True(problem.InSidecar);
        Assert.Equal(line, problem.Span.StartLine);
    }

    [Fact]
    public void Merge_refuses_a_sidecar_for_a_prose_skill()
    {
        var merge = AgentSkillsFormat.Merge("# Just prose\n", "version: 1.0.0\n");

        Assert.Contains("prose", Assert.Single(merge.Problems).Message, StringComparison.Ordinal);
    }
}
