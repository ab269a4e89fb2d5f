using System.Linq;
using SkillRt.Registry.Search;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>The query syntax and the typo measure, without a server.</summary>
public sealed class SearchQueryTests
{
    [Fact]
    public void Filters_are_taken_out_of_the_text_and_unknown_names_stay_text()
    {
        var query = SearchQuery.Parse("PR Review runtime:Process permission:network tags:\"code review\" owner:Bob packageid:Contoso.X http://x");
        Assert.Equal(["pr", "review", "http", "x"], query.Terms.ToArray());
        Assert.Equal("pr review http://x", query.Text);
        Assert.Equal(
            [
                new SearchFilter(SearchFilterKind.Runtime, "process"),
                new SearchFilter(SearchFilterKind.Permission, "network"),
                new SearchFilter(SearchFilterKind.Tag, "code review"),
                new SearchFilter(SearchFilterKind.Owner, "bob"),
                new SearchFilter(SearchFilterKind.PackageId, "contoso.x"),
            ],
            query.Filters.ToArray());
    }

    [Fact]
    public void Verified_and_typed_are_filters_and_the_key_ignores_order_case_and_repeats()
    {
        var query = SearchQuery.Parse("Review typed:TRUE verified:true");
        Assert.Equal([new SearchFilter(SearchFilterKind.Typed, "true"), new SearchFilter(SearchFilterKind.Verified, "true")], query.Filters.ToArray());
        Assert.Equal("review", query.Text);

        Assert.Equal(query.Key(), SearchQuery.Parse("  review   verified:true typed:true typed:true").Key());
        Assert.NotEqual(query.Key(), SearchQuery.Parse("review typed:true").Key());
        Assert.NotEqual(query.Key(), SearchQuery.Parse("reviews typed:true verified:true").Key());
    }

    [Theory]
    [InlineData("""{"skills":[{"output":{"type":"json","schema":{"type":"object"}}}]}""", true)]
    [InlineData("""{"skills":[{"output":{"type":"text","schema":null}},{"output":{"type":"json","schema":{}}}]}""", true)]
    [InlineData("""{"skills":[{"output":{"type":"json","schema":null}}]}""", false)]
    [InlineData("""{"skills":[{"output":{"type":"text"}}]}""", false)]
    [InlineData("""{"skills":[]}""", false)]
    [InlineData("not json", false)]
    [InlineData("", false)]
    public void Typed_means_a_skill_returns_json_with_a_schema(string manifest, bool typed)
    {
        Assert.Equal(typed, TypedOutput.Of(manifest));
    }

    [Fact]
    public void An_ID_is_split_into_its_parts_and_camel_case_pieces()
    {
        Assert.Equal(["contoso", "prreview", "pr", "review"], SearchTokenizer.IdWords("Contoso.PrReview").ToArray());
    }

    [Theory]
    [InlineData("reveiw", "review", 1)]
    [InlineData("reviw", "review", 1)]
    [InlineData("review", "review", 0)]
    [InlineData("sumarize", "summarize", 1)]
    [InlineData("abc", "xyz", 2)]
    public void Distance_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, FuzzyTerms.Distance(a, b, limit: 2) is var d && d > 2 ? 2 : d);
    }

    [Fact]
    public void Corrections_are_within_the_limit_closest_first()
    {
        Assert.Equal(["review", "preview", "reviews"], FuzzyTerms.Closest("reveiw", ["review", "reviews", "preview", "river", "rev"]).ToArray());
        Assert.Empty(FuzzyTerms.Closest("cat", ["dog", "cattle"]));
    }
}
