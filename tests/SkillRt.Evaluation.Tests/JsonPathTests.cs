using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace SkillRt.Evaluation.Tests;

public sealed class JsonPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {"verdict": "comment", "max-findings": 3, "a b": true, "n": null,
         "findings": [{"severity": "minor", "line": 4}, {"severity": "major"}],
         "nested": {"x": {"y": [10, 20, 30]}}}
        """)!;

    [Theory]
    [InlineData("$", "$")]
    [InlineData("$.verdict", "$['verdict']")]
    [InlineData("$['max-findings']", "$['max-findings']")]
    [InlineData("$[\"a b\"]", "$['a b']")]
    [InlineData("$.findings[1].severity", "$['findings'][1]['severity']")]
    [InlineData("$.findings[-1].severity", "$['findings'][1]['severity']")]
    [InlineData("$.nested.x.y[ 2 ]", "$['nested']['x']['y'][2]")]
    [InlineData("$.n", "$['n']")]
    public void A_singular_query_selects_one_node_at_its_normalized_path(string query, string location)
    {
        var path = JsonPathQuery.Parse(query);

        var match = Assert.Single(path.Select(Document));

        Assert.Equal(location, match.Location);
        Assert.True(path.IsSingular);
    }

    [Fact]
    public void Wildcards_select_every_item_or_member_in_document_order()
    {
        var severities = JsonPathQuery.Parse("$.findings[*].severity").Select(Document);
        var members = JsonPathQuery.Parse("$.nested.x.*").Select(Document);
        var items = JsonPathQuery.Parse("$.nested.x.y.*").Select(Document);

        Assert.Equal(["minor", "major"], severities.Select(m => m.Node!.GetValue<string>()));
        Assert.Equal(["$['findings'][0]['severity']", "$['findings'][1]['severity']"], severities.Select(m => m.Location));
        Assert.Equal("$['nested']['x']['y']", Assert.Single(members).Location);
        Assert.Equal([10, 20, 30], items.Select(m => m.Node!.GetValue<int>()));
        Assert.False(JsonPathQuery.Parse("$.findings[*]").IsSingular);
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.findings[2]")]
    [InlineData("$.findings[-3]")]
    [InlineData("$.verdict.length")]
    [InlineData("$.verdict[0]")]
    [InlineData("$.findings.severity")]
    public void A_query_that_finds_nothing_selects_nothing(string query) =>
        Assert.Empty(JsonPathQuery.Parse(query).Select(Document));

    [Fact]
    public void A_null_member_is_selected_as_a_null_node_not_as_nothing()
    {
        var match = Assert.Single(JsonPathQuery.Parse("$.n").Select(Document));

        Assert.Null(match.Node);
    }

    [Theory]
    [InlineData("verdict", 0, "starts with '$'")]
    [InlineData("$..verdict", 1, "descendant")]
    [InlineData("$.findings[?@.line]", 11, "filter")]
    [InlineData("$.findings[0:1]", 12, "slices")]
    [InlineData("$['a','b']", 5, "unions")]
    [InlineData("$.1st", 2, "member name")]
    [InlineData("$.findings[01]", 11, "leading zeros")]
    [InlineData("$.findings[-0]", 11, "leading zeros")]
    [InlineData("$['open", 2, "not closed")]
    [InlineData("$.findings[0", 12, "expected ']'")]
    [InlineData("$ .x", 1, "unexpected ' '")]
    [InlineData("$['\\q']", 3, "not an escape")]
    public void Queries_outside_the_subset_are_refused_at_the_offending_character(string query, int position, string reason)
    {
        var exception = Assert.Throws<JsonPathSyntaxException>(() => JsonPathQuery.Parse(query));

        Assert.Equal(position, exception.Position);
        Assert.Contains(reason, exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_names_take_json_escapes()
    {
        var node = JsonNode.Parse("""{"it's": 1, "tab\there": 2, "é": 3}""");

        Assert.Single(JsonPathQuery.Parse("$['it\\'s']").Select(node));
        Assert.Single(JsonPathQuery.Parse("$[\"tab\\there\"]").Select(node));
        Assert.Single(JsonPathQuery.Parse("$['\\u00e9']").Select(node));
        Assert.Single(JsonPathQuery.Parse("$.é").Select(node));
    }
}
