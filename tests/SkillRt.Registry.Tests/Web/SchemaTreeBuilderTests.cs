using System.Linq;
using System.Text.Json;
using SkillRt.Registry.Web.Packages;
using Xunit;

namespace SkillRt.Registry.Tests.Web;

/// <summary>Output schemas as the tree the skill page shows.</summary>
public sealed class SchemaTreeBuilderTests
{
    [Fact]
    public void Properties_items_required_enums_and_constraints_become_lines()
    {
        var tree = Build("""
            {"type":"object","required":["verdict","findings"],"properties":{
              "verdict":{"type":"string","enum":["approve","request-changes"],"description":"The call."},
              "findings":{"type":"array","items":{"type":"object","required":["line"],"properties":{
                "line":{"type":"integer","minimum":1},"note":{"type":["string","null"]}}}}}}
            """);
        Assert.Equal("object", tree.Type);
        var verdict = tree.Children[0];
        Assert.Equal(("verdict", "string", true, "The call."), (verdict.Name, verdict.Type, verdict.Required, verdict.Description));
        Assert.Equal(["approve", "request-changes"], verdict.EnumValues);
        var findings = tree.Children[1];
        Assert.Equal(("findings", "array of object", true), (findings.Name, findings.Type, findings.Required));
        var item = Assert.Single(findings.Children);
        Assert.Equal("each item", item.Name);
        Assert.Equal(["line", "note"], item.Children.Select(c => c.Name));
        Assert.Equal(["minimum: 1"], item.Children[0].Constraints);
        Assert.True(item.Children[0].Required);
        Assert.Equal("string or null", item.Children[1].Type);
        Assert.False(item.Children[1].Required);
    }

    [Fact]
    public void A_ref_is_shown_as_text_and_definitions_are_listed_so_a_recursive_schema_ends()
    {
        var tree = Build("""
            {"$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
             "type":"object","properties":{"root":{"$ref":"#/$defs/node"},"choice":{"oneOf":[{"type":"string"},{"type":"integer"}]}}}
            """);
        var root = tree.Children.Single(c => c.Name == "root");
        Assert.Equal(("reference", "#/$defs/node"), (root.Type, root.Reference));
        Assert.Empty(root.Children);
        var choice = tree.Children.Single(c => c.Name == "choice");
        Assert.Equal("combined", choice.Type);
        Assert.Equal(["string", "integer"], choice.Children.Select(c => c.Type));
        var definition = tree.Children.Single(c => c.Name == "#/$defs/node");
        Assert.Equal("array of #/$defs/node", definition.Children.Single().Type);
    }

    [Fact]
    public void A_huge_or_deep_schema_is_cut_and_says_where_the_rest_is()
    {
        var wide = "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"p{i}\":{{\"type\":\"string\"}}")) + "}}";
        var tree = Build(wide);
        Assert.True(tree.Children.Count <= SchemaTreeBuilder.MaxNodes);
        Assert.Contains("more not shown", tree.Children[^1].Type, System.StringComparison.Ordinal);

        var deep = string.Concat(Enumerable.Repeat("{\"type\":\"object\",\"properties\":{\"x\":", 40)) + "{\"type\":\"string\"}" + new string('}', 80);
        var node = Build(deep);
        var depth = 0;
        while (node.Children.Count > 0)
        {
            node = node.Children[0];
            depth++;
        }

        Assert.Equal(SchemaTreeBuilder.MaxDepth, depth);
        Assert.Contains("raw JSON", node.Constraints.Single(), System.StringComparison.Ordinal);
    }

    private static SchemaNode Build(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        return SchemaTreeBuilder.Build(document.RootElement.Clone());
    }
}
