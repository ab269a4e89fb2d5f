using System;
using System.Collections.Generic;
using System.Linq;
using SkillRt.Registry.Search;

namespace SkillRt.Registry.Web.Search;

/// <summary>A facet of the search page's sidebar (runtime, permissions, output, owner, namespace) with its values.</summary>
internal sealed record SearchFacetGroup(string Name, string Title, IReadOnlyList<SearchFacetOption> Options)
{
    // Permission kinds in the order of how much they reach: the network first.
    private static readonly string[] PermissionOrder = ["network", "filesystem", "env"];

    /// <summary>
    /// The sidebar for <paramref name="request"/> and the counts of its search: values that match
    /// something, most first, and every value that is on (even when nothing matches it, so it can be removed).
    /// </summary>
    public static IReadOnlyList<SearchFacetGroup> Build(SearchPageRequest request, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> facets)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facets);
        return
        [
            Group(request, facets, SearchPageRequest.RuntimeName, RelationalPackageSearch.RuntimeFacet, request.Runtimes, ByCount),
            Group(request, facets, SearchPageRequest.PermissionName, RelationalPackageSearch.PermissionFacet, request.Permissions,
                values => values.OrderBy(v => Array.IndexOf(PermissionOrder, v.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(v => v.Key, StringComparer.Ordinal)),
            Group(request, facets, SearchPageRequest.TypedName, RelationalPackageSearch.TypedFacet, Flag(request.Typed), TrueFirst),
            Group(request, facets, SearchPageRequest.OwnerName, RelationalPackageSearch.OwnerFacet, request.Owner is null ? [] : [request.Owner], ByCount),
            Group(request, facets, SearchPageRequest.VerifiedName, RelationalPackageSearch.VerifiedFacet, Flag(request.Verified), TrueFirst),
        ];
    }

    private static SearchFacetGroup Group(
        SearchPageRequest request,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> facets,
        string name,
        string facet,
        IReadOnlyList<string> active,
        Func<IEnumerable<KeyValuePair<string, int>>, IEnumerable<KeyValuePair<string, int>>> order)
    {
        var counts = new Dictionary<string, int>(facets.TryGetValue(facet, out var found) ? found : new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
        foreach (var value in active.Where(v => !counts.ContainsKey(v)))
        {
            counts[value] = 0;
        }

        var options = order(counts.Where(c => c.Value > 0 || active.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
            .Select(c => new SearchFacetOption(c.Key, SearchLabels.Value(name, c.Key), c.Value, request.IsActive(name, c.Key), request.Toggle(name, c.Key).Url()))
            .ToList();
        return new SearchFacetGroup(name, SearchLabels.Facet(name), options);
    }

    private static IReadOnlyList<string> Flag(bool? value) => value is { } flag ? [RelationalPackageSearch.Flag(flag)] : [];

    private static IEnumerable<KeyValuePair<string, int>> ByCount(IEnumerable<KeyValuePair<string, int>> values) =>
        values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, int>> TrueFirst(IEnumerable<KeyValuePair<string, int>> values) =>
        values.OrderBy(v => v.Key == "true" ? 0 : 1);
}
