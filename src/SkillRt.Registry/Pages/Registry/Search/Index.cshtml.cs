using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Search;
using SkillRt.Registry.Web.Search;

namespace SkillRt.Registry.Pages.Registry.Search;

/// <summary>
/// The home page: search skills by text and narrow them by facets, 20 a page. Everything it shows is in
/// its URL (<see cref="SearchPageRequest"/>), so a search can be shared; the results come from
/// <see cref="PackageSummaries"/>, the loader (and cache) behind the JSON search API too.
/// </summary>
internal sealed class IndexModel(PackageSummaries summaries, IOptions<RegistryOptions> options) : PageModel
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> NoFacets = new Dictionary<string, IReadOnlyDictionary<string, int>>();

    /// <summary>What was asked, cleaned: bad values left out, the page clamped.</summary>
    public SearchPageRequest Search { get; private set; } = SearchPageRequest.Empty;

    /// <summary>What was wrong with the URL, in words, for the alert above the results.</summary>
    public List<string> Problems { get; } = [];

    public SearchPage Results { get; private set; } = new(0, [], NoFacets);

    public IReadOnlyList<SearchFacetGroup> Facets { get; private set; } = [];

    /// <summary>Whether the search ran (a query over the length limit is not run).</summary>
    public bool Searched { get; private set; }

    public int LastPage => Math.Max(1, (Results.TotalHits + SearchPageRequest.PageSize - 1) / SearchPageRequest.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = SearchPageRequest.Read(Request.Query, options.Value, Problems, out var queryTooLong);
        if (!queryTooLong)
        {
            Results = await RunAsync(Search, cancellationToken).ConfigureAwait(false);
            if (Results.Packages.Count == 0 && Results.TotalHits > 0 && Search.Page > LastPage)
            {
                Problems.Add($"There is no page {Search.Page} of these results; the last page, {LastPage}, is shown.");
                Search = Search.WithPage(LastPage);
                Results = await RunAsync(Search, cancellationToken).ConfigureAwait(false);
            }

            Searched = true;
        }

        Facets = SearchFacetGroup.Build(Search, Results.Facets);
    }

    private Task<SearchPage> RunAsync(SearchPageRequest request, CancellationToken cancellationToken) =>
        summaries.SearchAsync(
            new SearchRequest(request.ToSearchQuery(), (request.Page - 1) * SearchPageRequest.PageSize, SearchPageRequest.PageSize, Prerelease: false),
            cancellationToken);
}
