using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests.Parsing;

public sealed class HostileInputTests
{
    public static TheoryData<HostileInput> Cases() => [.. HostileInputs.All];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gives_its_diagnostic_quickly_and_never_throws(HostileInput input)
    {
        var result = await Bounded.RunAsync(() => SkillValidator.Validate(SkillDocument.Parse(input.Bytes, "hostile/SKILL.md")), input.Name);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Severity == SkillDiagnosticSeverity.Error);
        Assert.Equal(input.ExpectedId, diagnostic.Id);
        Assert.Equal(input.ExpectedSpan, diagnostic.Span);
    }

    [Fact]
    public async Task Oversized_string_is_rejected_without_parsing()
    {
        var text = "---\nname: big\n---\n" + new string('x', SkillParserLimits.MaxFileBytes);
        var document = await Bounded.RunAsync(() => SkillDocument.Parse(text), "oversized string");
        Assert.Equal("SKILL0004", Assert.Single(document.Diagnostics).Id);
        Assert.Null(document.Frontmatter);
    }

    [Fact]
    public void Multibyte_text_just_under_the_limit_is_accepted()
    {
        // 'é' is two bytes in UTF-8: the limit is about bytes, not characters.
        var body = new string('é', (SkillParserLimits.MaxFileBytes / 2) - 10);
        var document = SkillDocument.Parse(body);
        Assert.Empty(document.Diagnostics);
        Assert.Equal(body, document.Body);
    }

    [Fact]
    public async Task Large_valid_frontmatter_near_the_limit_parses_in_bounded_time()
    {
        var builder = new System.Text.StringBuilder("---\nname: many-keys\ndescription: Lots of keys.\nversion: 1.0.0\nextra:\n");
        var i = 0;
        while (builder.Length < SkillParserLimits.MaxFileBytes - 100)
        {
            builder.Append("  key").Append(i++).Append(": value\n");
        }

        builder.Append("---\n");
        var result = await Bounded.RunAsync(() => SkillValidator.Validate(builder.ToString()), "large frontmatter");
        Assert.False(result.HasErrors);
        var extra = Assert.IsType<FrontmatterMapping>(result.Document.Frontmatter!["extra"]);
        Assert.Equal(i, extra.Entries.Count);
    }

    public static TheoryData<string, string> LargeValidatorInputs() => new()
    {
        { "120,000 enum values", Skill("inputs:\n  - name: e\n    enum: [" + Join(120_000, "v{0}") + "]\n") },
        { "120,000 tools", Skill("dependencies:\n  tools: [" + Join(120_000, "t{0}") + "]\n") },
        { "40,000 unknown keys, then each again", Skill(Lines(40_000, "k{0}: 1") + Lines(40_000, "k{0}: 2")) },
        { "12,000 refs into 12,000 defs", Skill("outputs:\n  schema:\n    $defs:\n" + Lines(12_000, "      d{0}: {{type: string}}") + "    properties:\n" + Lines(12_000, "      p{0}: {{$ref: '#/$defs/d{0}'}}")) },
        { "a 200,000-digit hex number", Skill("x: 0x" + new string('F', 200_000) + "\n") },
        { "a 900,000-digit decimal number", Skill("x: " + new string('9', 900_000) + "\n") },
    };

    [Theory]
    [MemberData(nameof(LargeValidatorInputs))]
    public async Task Large_inputs_validate_and_convert_in_bounded_time(string name, string text)
    {
        var result = await Bounded.RunAsync(
            () =>
            {
                var validation = SkillValidator.Validate(text, "big/SKILL.md");
                _ = validation.Document.Frontmatter?.ToJson();
                return validation;
            },
            name);
        Assert.NotNull(result.Document.Frontmatter);
    }

    private static string Skill(string yaml) => "---\nname: big\ndescription: d\nversion: 1.0.0\n" + yaml + "---\n";

    private static string Join(int count, string format) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i)));

    private static string Lines(int count, string format) =>
        string.Concat(Enumerable.Range(0, count).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i) + "\n"));

    [Fact]
    public void Alias_bomb_leaves_no_frontmatter_for_consumers_to_expand()
    {
        var document = SkillDocument.Parse(HostileInputs.All.Single(h => h.ExpectedId == "SKILL0007").Bytes);
        Assert.Null(document.Frontmatter);
    }

    [Fact]
    public void Aliases_within_the_limit_are_shared_not_copied()
    {
        var document = SkillDocument.Parse("---\nbase: &base [a, b]\ncopy: *base\n---\n");
        Assert.Empty(document.Diagnostics);
        Assert.Same(document.Frontmatter!["base"], document.Frontmatter["copy"]);
    }

    [Fact]
    public void Recursive_alias_is_rejected()
    {
        var document = SkillDocument.Parse("---\na: &a [1, *a]\n---\n");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("SKILL0010", diagnostic.Id);
        Assert.Equal(new SourceSpan(2, 11, 2, 13), diagnostic.Span);
    }
}
