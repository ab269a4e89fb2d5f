using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests.Validation;

/// <summary>
/// Issue 14, items 6 and 7: skills that validated but then hung the runtime (a cyclic $ref) or
/// exhausted the compiler (a 100,000-value enum, 10,000 inputs). Each is now refused by the shared
/// validator with its own diagnostic, quickly and with bounded memory, however far past the limit.
/// </summary>
public sealed class SchemaLimitTests
{
    public static TheoryData<string, string, string> PastTheLimit() => new()
    {
        { "257 inputs", "SKILL0901", Skill("inputs:\n" + Lines(SkillSizeLimits.MaxInputs + 1, "  - name: i{0}")) },
        { "10,000 inputs (the probe's)", "SKILL0901", Skill("inputs:\n" + Lines(10_000, "  - name: i{0}")) },
        { "1,025 input enum values", "SKILL0902", Skill("inputs:\n  - name: e\n    enum: [" + Join(SkillSizeLimits.MaxEnumValues + 1, "v{0}") + "]\n") },
        { "100,000 input enum values (the probe's)", "SKILL0902", Skill("inputs:\n  - name: e\n    enum: [" + Join(100_000, "v{0}") + "]\n") },
        { "100,000 schema enum values", "SKILL0902", Skill("outputs:\n  schema:\n    type: string\n    enum: [" + Join(100_000, "v{0}") + "]\n") },
        { "257 properties", "SKILL0903", Skill("outputs:\n  schema:\n    properties:\n" + Lines(SkillSizeLimits.MaxProperties + 1, "      p{0}: {{type: string}}")) },
        { "12,000 properties", "SKILL0903", Skill("outputs:\n  schema:\n    properties:\n" + Lines(12_000, "      p{0}: {{type: string}}")) },
        { "17 levels of arrays", "SKILL0904", Skill("outputs:\n  schema: " + string.Concat(Enumerable.Repeat("{items: ", SkillSizeLimits.MaxSchemaDepth)) + "{type: string}" + new string('}', SkillSizeLimits.MaxSchemaDepth) + "\n") },
        { "2,049 schemas", "SKILL0905", Skill("outputs:\n  schema:\n    $defs:\n" + Lines(SkillSizeLimits.MaxSchemaNodes, "      d{0}: {{type: string}}")) },
        { "a 1,025-character pattern", "SKILL0906", Skill("outputs:\n  schema: {type: string, pattern: '" + new string('a', SkillSizeLimits.MaxPatternLength + 1) + "'}\n") },
        { "a pattern of 500,000 characters", "SKILL0906", Skill("outputs:\n  schema: {type: string, pattern: '" + new string('a', 500_000) + "'}\n") },
        { "$ref to itself", "SKILL0405", Skill("outputs:\n  schema: {$ref: '#'}\n") },
        { "a chain of 12,000 $refs that closes", "SKILL0405", Skill("outputs:\n  schema:\n    $defs:\n" + Lines(12_000, "      d{0}: {{$ref: '#/$defs/d{1}'}}", next: i => (i + 1) % 12_000) + "    $ref: '#/$defs/d0'\n") },
        { "a cycle through not", "SKILL0405", Skill("outputs:\n  schema:\n    properties:\n      a: {not: {$ref: '#/properties/a'}}\n") },
    };

    [Theory]
    [MemberData(nameof(PastTheLimit))]
    public async Task A_skill_past_a_limit_gets_its_diagnostic_quickly(string name, string id, string text)
    {
        var (result, allocated) = await Bounded.RunAsync(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var validation = SkillValidator.Validate(text, "big/SKILL.md");
                return (validation, GC.GetAllocatedBytesForCurrentThread() - before);
            },
            name);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(SkillDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(allocated < 200L * 1024 * 1024, $"{name}: validation allocated {allocated / (1024 * 1024)} MB");
    }

    [Fact]
    public void A_skill_at_every_limit_at_once_is_valid()
    {
        var nested = string.Concat(Enumerable.Repeat("{items: ", SkillSizeLimits.MaxSchemaDepth - 2)) + "{type: string}" + new string('}', SkillSizeLimits.MaxSchemaDepth - 2);
        var text = Skill(
            "inputs:\n" +
            "  - name: e\n    enum: [" + Join(SkillSizeLimits.MaxEnumValues, "v{0}") + "]\n" +
            Lines(SkillSizeLimits.MaxInputs - 1, "  - name: i{0}") +
            "outputs:\n  schema:\n    type: object\n    properties:\n" +
            "      deep: " + nested + "\n" +
            "      code: {type: string, pattern: '^" + new string('a', SkillSizeLimits.MaxPatternLength - 1) + "'}\n" +
            Lines(SkillSizeLimits.MaxProperties - 2, "      p{0}: {{type: string}}"));

        var result = SkillValidator.Validate(text, "big/SKILL.md");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(SkillSizeLimits.MaxInputs, result.Manifest.Inputs.Count);
        Assert.Equal(SkillSizeLimits.MaxEnumValues, result.Manifest.Inputs[0].EnumValues.Count);
    }

    [Theory]
    [InlineData("{type: object, properties: {children: {type: array, items: {$ref: '#'}}}}")]
    [InlineData("{$defs: {node: {type: object, properties: {next: {$ref: '#/$defs/node'}}}}, $ref: '#/$defs/node'}")]
    [InlineData("{$defs: {list: {type: array, items: {$ref: '#/$defs/list'}}}, properties: {l: {$ref: '#/$defs/list'}}}")]
    [InlineData("{$defs: {a: {$ref: '#/$defs/b'}, b: {type: string}}, properties: {x: {$ref: '#/$defs/a'}}}")]
    public void Recursion_into_a_part_of_the_value_is_not_a_cycle(string schema)
    {
        var result = SkillValidator.Validate(Skill("outputs:\n  schema: " + schema + "\n"), "big/SKILL.md");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SKILL0405");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_default_that_makes_a_pattern_backtrack_is_a_finding_not_a_crash()
    {
        var text = Skill("inputs:\n  - name: c\n    type: json\n    default: '" + new string('a', 40) + "!'\n    schema: {type: string, pattern: '^(a+)+$'}\n");

        var result = SkillValidator.Validate(text, "big/SKILL.md");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "SKILL0304");
        Assert.Contains("could not be checked against the pattern ^(a+)+$ in time", diagnostic.Message, StringComparison.Ordinal);
    }

    private static string Skill(string yaml) => "---\nname: big\ndescription: d\nversion: 1.0.0\n" + yaml + "---\nBody.\n";

    private static string Join(int count, string format) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, format, i)));

    private static string Lines(int count, string format, Func<int, int>? next = null) =>
        string.Concat(Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, format, i, next?.Invoke(i) ?? 0) + "\n"));
}
