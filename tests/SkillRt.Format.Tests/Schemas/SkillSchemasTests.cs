using System.IO;
using System.Threading.Tasks;
using NJsonSchema;
using Xunit;

namespace SkillRt.Tests.Schemas;

/// <summary>The input schema written from a manifest accepts exactly the inputs the skill declares.</summary>
public sealed class SkillSchemasTests
{
    private static SkillManifest PrReview() =>
        SkillValidator.Validate(File.ReadAllText(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md")), "pr-review/SKILL.md").Manifest;

    [Fact]
    public void Input_schema_lists_types_enums_defaults_and_required_inputs()
    {
        Assert.Equal(
            """{"type":"object","properties":{"pr_url":{"type":"string","format":"uri","description":"The pull request to review, such as https://github.com/owner/repo/pull/42."},"focus":{"type":"string","description":"Which aspect to concentrate on.","enum":["correctness","security","style","all"],"default":"all"},"max_findings":{"type":"integer","description":"The most findings to report.","default":20},"include_nits":{"type":"boolean","default":false}},"required":["pr_url"],"additionalProperties":false}""",
            SkillSchemas.ForInputs(PrReview().Inputs));
    }

    [Theory]
    [InlineData("""{"pr_url":"https://github.com/o/r/pull/1"}""", true)]
    [InlineData("""{"pr_url":"https://github.com/o/r/pull/1","focus":"style","max_findings":3,"include_nits":true}""", true)]
    [InlineData("""{}""", false)]
    [InlineData("""{"pr_url":"https://x.test","focus":"speed"}""", false)]
    [InlineData("""{"pr_url":"https://x.test","max_findings":"3"}""", false)]
    [InlineData("""{"pr_url":"https://x.test","other":1}""", false)]
    public async Task Input_schema_accepts_what_the_inputs_allow(string input, bool valid)
    {
        var schema = await JsonSchema.FromJsonAsync(SkillSchemas.ForInputs(PrReview().Inputs), TestContext.Current.CancellationToken);
        Assert.Equal(valid, schema.Validate(input).Count == 0);
    }

    [Fact]
    public void Defaults_are_written_as_the_input_type_and_json_inputs_keep_their_schema()
    {
        var manifest = SkillValidator.Validate(
            "---\nname: d\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: code\n    type: string\n    default: \"042\"\n  - name: ratio\n    type: number\n    default: 1\n  - name: query\n    type: json\n    schema: {type: object, required: [q]}\n---\n{{ code }} {{ ratio }} {{ query }}\n").Manifest;

        Assert.Equal("\"042\"", SkillSchemas.DefaultAsJson(manifest.Inputs[0]));
        Assert.Equal("1", SkillSchemas.DefaultAsJson(manifest.Inputs[1]));
        Assert.Null(SkillSchemas.DefaultAsJson(manifest.Inputs[2]));
        Assert.Contains("\"query\":{\"type\":\"object\",\"required\":[\"q\"]}", SkillSchemas.ForInputs(manifest.Inputs), System.StringComparison.Ordinal);
        Assert.Null(SkillSchemas.ForOutput(manifest.Output));
        Assert.StartsWith("{\"type\":\"object\"", SkillSchemas.ForOutput(PrReview().Output), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_refs_of_a_json_input_schema_move_with_it()
    {
        var manifest = SkillValidator.Validate(
            "---\nname: t\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: tree\n    type: json\n    required: true\n    schema:\n      $defs:\n        node: {type: object, required: [n], properties: {n: {type: string}, kids: {type: array, items: {$ref: '#/$defs/node'}}}}\n      $ref: '#/$defs/node'\n---\n{{ tree }}\n").Manifest;
        var json = SkillSchemas.ForInputs(manifest.Inputs);
        Assert.Contains("\"tree\":{\"$ref\":\"#/definitions/tree.node\"}", json, System.StringComparison.Ordinal);
        Assert.Contains("\"definitions\":{\"tree.node\":{", json, System.StringComparison.Ordinal);

        var schema = await JsonSchema.FromJsonAsync(json, TestContext.Current.CancellationToken);
        Assert.Empty(schema.Validate("""{"tree":{"n":"a","kids":[{"n":"b"}]}}"""));
        Assert.NotEmpty(schema.Validate("""{"tree":{"n":"a","kids":[{}]}}"""));
    }
}

