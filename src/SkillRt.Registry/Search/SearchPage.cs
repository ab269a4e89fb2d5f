using System.Collections.Generic;

namespace SkillRt.Registry.Search;

/// <summary>
/// A page of search results as summaries, the number of packages that match, and the facet counts over
/// every match (as <see cref="SearchResults.Facets"/>).
/// </summary>
internal sealed record SearchPage(
    int TotalHits,
    IReadOnlyList<PackageSummary> Packages,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);
