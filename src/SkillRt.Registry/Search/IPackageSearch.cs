using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Registry.Search;

/// <summary>
/// Full-text, typo-tolerant search over the latest listed version of each package, with the skill
/// filters and facet counts; one implementation per database engine (SQLite FTS5; PostgreSQL full
/// text and pg_trgm), chosen by <c>SkillRt:Database:Provider</c>.
/// </summary>
internal interface IPackageSearch
{
    /// <summary>Runs <paramref name="request"/>; hits are ranked by relevance, then downloads.</summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}
