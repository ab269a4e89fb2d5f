using System.Collections.Generic;

namespace SkillRt.Registry.Search;

/// <summary>
/// A page of hits, best first, the number of packages that match, and the facet counts over every
/// match (not only the page): facet name (<c>runtime</c>, <c>permission</c>, <c>output</c>, <c>owner</c>,
/// <c>verified</c>, <c>typed</c>) → value → packages. Only values with at least one package are present;
/// <c>verified</c> and <c>typed</c> have the values <c>true</c> and <c>false</c>; <c>owner</c> names the
/// <see cref="RelationalPackageSearch.MaxOwnerFacetValues"/> owners of the most matches.
/// </summary>
internal sealed record SearchResults(
    int TotalHits,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets)
{
    public static SearchResults Empty { get; } = new(0, [], new Dictionary<string, IReadOnlyDictionary<string, int>>());
}
