using System.Linq;
using Xunit;

namespace SkillRt.Tests.Validation;

/// <summary>
/// <c>$ref</c>s resolve as JSON Schema 2020-12 says inside one document (pointers, anchors, embedded
/// <c>$id</c>s and the base URIs they set); references to other documents are reported as remote.
/// </summary>
public sealed class SchemaReferenceTests
{
    private static SkillValidationResult Validate(string schema) =>
        SkillValidator.Validate($"---\nname: demo\ndescription: d\nversion: 1.0.0\noutputs:\n  type: json\n  schema: {schema}\n---\nBody.\n", "skills/demo/SKILL.md");

    [Theory]
    [InlineData("""{"$ref": "#item", "$defs": {"item": {"$anchor": "item", "type": "string"}}}""")]
    [InlineData("""{"$ref": "#item", "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"}}}""")]
    [InlineData("""{"$id": "https://example.com/root.json", "$ref": "item.json", "$defs": {"item": {"$id": "item.json", "type": "string"}}}""")]
    [InlineData("""{"$ref": "https://example.com/nested/item.json#/$defs/leaf", "$defs": {"item": {"$id": "https://example.com/nested/item.json", "$defs": {"leaf": {"type": "string"}}}}}""")]
    [InlineData("""{"$id": "https://example.com/a/root.json", "$ref": "b/item.json#leaf", "$defs": {"item": {"$id": "b/item.json", "$defs": {"leaf": {"$anchor": "leaf", "type": "string"}}}}}""")]
    [InlineData("""{"$id": "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", "$ref": "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/s", "$defs": {"s": {"type": "string"}}}""")]
    [InlineData("""{"$ref": "#/$defs/s", "$defs": {"s": {"type": "string"}}}""")]
    public void References_inside_the_document_resolve(string schema)
    {
        var result = Validate(schema);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_pointer_inside_an_embedded_resource_is_relative_to_that_resource()
    {
        // "#/$defs/inner" in the embedded schema means its own $defs, not the root's, which has none.
        var result = Validate("""{"properties": {"foo": {"$ref": "https://example.com/inner.json"}}, "$defs": {"x": {"$id": "https://example.com/inner.json", "$ref": "#/$defs/inner", "$defs": {"inner": {"type": "integer"}}}}}""");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void An_id_inside_an_enum_identifies_nothing()
    {
        var result = Validate("""{"$ref": "https://example.com/fake.json", "$defs": {"e": {"enum": [{"$id": "https://example.com/fake.json", "type": "null"}]}}}""");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0402", diagnostic.Id);
        Assert.Contains("refers to another document", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://json-schema.org/draft/2020-12/schema")]
    [InlineData("other.json#/$defs/x")]
    public void A_reference_to_another_document_is_reported_as_remote(string reference)
    {
        var diagnostic = Assert.Single(Validate("{\"$ref\": \"" + reference + "\"}").Diagnostics);

        Assert.Equal("SKILL0402", diagnostic.Id);
        Assert.Contains("SkillRt never fetches schemas; copy the schema into $defs", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#missing")]
    [InlineData("#/$defs/missing")]
    public void A_missing_anchor_or_pointer_is_not_called_remote(string reference)
    {
        var diagnostic = Assert.Single(Validate("{\"$ref\": \"" + reference + "\", \"$defs\": {\"s\": {\"type\": \"string\"}}}").Diagnostics);

        Assert.Equal("SKILL0402", diagnostic.Id);
        Assert.Contains("does not resolve inside the schema", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minItems: 2.0", false)]
    [InlineData("maxLength: 0.0", false)]
    [InlineData("minItems: 2.5", true)]
    [InlineData("minItems: -1.0", true)]
    public void Counts_written_with_a_zero_fraction_are_whole_numbers(string count, bool malformed)
    {
        var result = Validate("{type: array, " + count + "}");

        Assert.Equal(malformed, result.Diagnostics.Any(d => d.Id == "SKILL0402"));
    }

    [Fact]
    public void Patterns_may_use_ecma_262_long_category_names()
    {
        var result = Validate("""{"type": "string", "pattern": "^\\p{Letter}+$"}""");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }
}
