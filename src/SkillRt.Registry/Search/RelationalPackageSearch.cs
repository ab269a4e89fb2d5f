using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Search;

/// <summary>
/// What both engines share: bringing stale documents up to date (the queue the triggers fill),
/// correcting typos against the vocabulary, resolving the owner filter, deciding the verified mark,
/// counting facets and paging.
/// Subclasses supply the SQL.
/// </summary>
internal abstract partial class RelationalPackageSearch(
    RegistryDbContext db,
    IOwnerDirectory owners,
    SearchIndexGate gate,
    ILogger logger) : IPackageSearch
{
    /// <summary>Facet names, as the search response spells them.</summary>
    public const string RuntimeFacet = "runtime";
    public const string PermissionFacet = "permission";
    public const string OutputFacet = "output";
    public const string OwnerFacet = "owner";
    public const string VerifiedFacet = "verified";
    public const string TypedFacet = "typed";

    /// <summary>
    /// The owner facet names the owners of the most matching packages, this many at most: a registry
    /// has thousands of owners, and a list longer than this helps no one choose.
    /// </summary>
    public const int MaxOwnerFacetValues = 20;

    protected RegistryDbContext Db => db;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = RegistryTelemetry.Source.StartActivity("registry.search");
        activity?.SetTag("skillrt.search.terms", request.Query.Terms.Count);
        activity?.SetTag("skillrt.search.filters", request.Query.Filters.Count);
        activity?.SetTag("skillrt.search.prerelease", request.Prerelease);

        await RefreshAsync(cancellationToken).ConfigureAwait(false);

        Guid? ownerId = null;
        if (request.Query.Filters.FirstOrDefault(f => f.Kind == SearchFilterKind.Owner) is { } ownerFilter)
        {
            var owner = await owners.FindAsync(ownerFilter.Value, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                return Finish(activity, SearchResults.Empty);
            }

            ownerId = owner.Id;
        }

        var packageIds = request.Query.Filters.Where(f => f.Kind == SearchFilterKind.PackageId).Select(f => f.Value).Distinct().ToList();
        if (packageIds.Count > 1
            || request.Query.Filters.Where(f => f.Kind == SearchFilterKind.Owner).Select(f => f.Value).Distinct().Count() > 1
            || !TryReadFlag(request.Query, SearchFilterKind.Verified, out var verified)
            || !TryReadFlag(request.Query, SearchFilterKind.Typed, out var typed))
        {
            // Two different exact IDs (or owners, or typed:true with typed:false) cannot both hold; nor can typed:maybe.
            return Finish(activity, SearchResults.Empty);
        }

        var terms = new List<IReadOnlyList<string>>();
        foreach (var term in request.Query.Terms.Distinct(StringComparer.Ordinal))
        {
            if (term.Length < FuzzyTerms.MinLength || await HasWordStartingWithAsync(term, cancellationToken).ConfigureAwait(false))
            {
                terms.Add([term]);
                continue;
            }

            var candidates = await CandidateWordsAsync(term, cancellationToken).ConfigureAwait(false);
            terms.Add([term, .. FuzzyTerms.Closest(term, candidates)]);
        }

        var query = new IndexQuery(
            terms,
            request.Query.Filters.Where(f => f.Kind is not (SearchFilterKind.Owner or SearchFilterKind.PackageId or SearchFilterKind.Verified or SearchFilterKind.Typed)).ToList(),
            packageIds.FirstOrDefault(),
            ownerId,
            typed,
            request.Query.Text,
            request.Prerelease);
        var rows = await QueryAsync(query, cancellationToken).ConfigureAwait(false);

        // 'verified' depends on reservations and owners, which change without touching a version, so
        // it is decided here rather than stored in the documents.
        var namespaces = await VerifiedNamespaces.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        var matches = new List<(IndexRow Row, bool Verified)>(rows.Count);
        var ownerCounts = new Dictionary<Guid, int>();
        var facets = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal)
        {
            [RuntimeFacet] = new(StringComparer.Ordinal),
            [PermissionFacet] = new(StringComparer.Ordinal),
            [OutputFacet] = new(StringComparer.Ordinal),
            [OwnerFacet] = new(StringComparer.Ordinal),
            [VerifiedFacet] = new(StringComparer.Ordinal),
            [TypedFacet] = new(StringComparer.Ordinal),
        };
        foreach (var row in rows)
        {
            var rowOwners = row.OwnerIds();
            var isVerified = namespaces.IsVerified(row.NormalizedId, rowOwners);
            if (verified is { } wanted && wanted != isVerified)
            {
                continue;
            }

            matches.Add((row, isVerified));
            Count(facets[RuntimeFacet], row.Runtimes);
            Count(facets[PermissionFacet], row.Permissions);
            Count(facets[OutputFacet], row.Outputs);
            Count(facets[VerifiedFacet], Flag(isVerified));
            Count(facets[TypedFacet], Flag(row.Typed));
            foreach (var id in rowOwners)
            {
                ownerCounts[id] = ownerCounts.GetValueOrDefault(id) + 1;
            }
        }

        var topOwners = ownerCounts.OrderByDescending(o => o.Value).ThenBy(o => o.Key).Take(MaxOwnerFacetValues).ToList();
        var ownerNames = await owners.GetAsync(topOwners.Select(o => o.Key).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var (id, count) in topOwners)
        {
            if (ownerNames.TryGetValue(id, out var owner))
            {
                facets[OwnerFacet][owner.Name] = count;
            }
        }

        var page = matches.Skip(request.Skip).Take(request.Take).Select(m => new SearchHit(m.Row.RegistrationId, m.Row.VersionId, m.Verified, m.Row.Typed)).ToList();
        return Finish(activity, new SearchResults(
            matches.Count,
            page,
            facets.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, int>)f.Value, StringComparer.Ordinal)));
    }

    /// <summary>How the verified and typed facets spell a flag, as their filters read it.</summary>
    public static string Flag(bool value) => value ? "true" : "false";

    // The value of a true/false filter; false when it is neither or two disagree.
    private static bool TryReadFlag(SearchQuery query, SearchFilterKind kind, out bool? value)
    {
        value = null;
        foreach (var filter in query.Filters.Where(f => f.Kind == kind))
        {
            bool? flag = filter.Value switch { "true" => true, "false" => false, _ => null };
            if (flag is null || (value is not null && value != flag))
            {
                return false;
            }

            value = flag;
        }

        return true;
    }

    /// <summary>
    /// Rewrites the documents of every package the triggers queued, one transaction per package: claim
    /// the queue row, read the package's listed versions, replace its documents, add its words.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if ((await QueuedAsync(1, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return;
        }

        await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var failed = new HashSet<Guid>();
            for (var round = 0; round < 64; round++)
            {
                var queued = (await QueuedAsync(64 + failed.Count, cancellationToken).ConfigureAwait(false)).Where(id => !failed.Contains(id)).ToList();
                if (queued.Count == 0)
                {
                    return;
                }

                foreach (var registrationId in queued)
                {
                    try
                    {
                        await RefreshPackageAsync(registrationId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is DbException or DbUpdateException or InvalidOperationException or ArgumentException)
                    {
                        // Left queued: the next search retries it; this one answers from the documents there are.
                        failed.Add(registrationId);
                        LogRefreshFailed(logger, registrationId, exception);
                    }
                }
            }
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private async Task RefreshPackageAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // The claim is the transaction's first write, so no other refresh (or replica) works on the package meanwhile.
            if (!await ClaimAsync(registrationId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await DeleteDocumentsAsync(registrationId, cancellationToken).ConfigureAwait(false);
            var package = await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == registrationId, cancellationToken).ConfigureAwait(false);
            if (package is not null)
            {
                var listed = (await db.Versions.AsNoTracking()
                        .Where(v => v.RegistrationId == registrationId && v.IsListed)
                        .ToListAsync(cancellationToken).ConfigureAwait(false))
                    .Select(v => (Record: v, Version: NuGetVersion.Parse(v.Version)))
                    .OrderByDescending(v => v.Version, VersionComparer.Default)
                    .ToList();
                var latest = listed.Select(v => v.Record).FirstOrDefault();
                var latestStable = listed.Where(v => !v.Version.IsPrerelease).Select(v => v.Record).FirstOrDefault();
                var words = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (version, prerelease) in new[] { (latestStable, false), (latest, true) })
                {
                    if (version is null)
                    {
                        continue;
                    }

                    var document = SearchDocument.Create(package, version, prerelease);
                    await InsertDocumentAsync(document, cancellationToken).ConfigureAwait(false);
                    words.UnionWith(document.Vocabulary());
                }

                if (words.Count > 0)
                {
                    await AddWordsAsync(words.ToList(), cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A command on the context's connection, in its current transaction.</summary>
    protected async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    protected static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    protected static Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        var other => throw new InvalidOperationException($"Expected a GUID in column {reader.GetName(ordinal)}, found {other.GetType().Name}."),
    };

    /// <summary>A GUID as this engine stores it in the search tables (SQLite: text; PostgreSQL: uuid).</summary>
    protected abstract object Key(Guid id);

    // Up to limit packages whose documents are stale.
    private async Task<IReadOnlyList<Guid>> QueuedAsync(int limit, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync("SELECT registration_id FROM registry_search_dirty LIMIT @limit", cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@limit", limit);
        var ids = new List<Guid>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(ReadGuid(reader, 0));
        }

        return ids;
    }

    // Removes the package's queue row; false when another refresh took it first.
    private async Task<bool> ClaimAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        // On PostgreSQL this waits for a writer whose trigger touched the row (the trigger upserts,
        // which locks it), so the versions read next include what that writer committed. A replica
        // that claimed the row first leaves nothing to delete: 0 rows, and this refresh stops.
        using var command = await CommandAsync("DELETE FROM registry_search_dirty WHERE registration_id = @id", cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@id", Key(registrationId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task DeleteDocumentsAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync("DELETE FROM registry_search_docs WHERE registration_id = @id", cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@id", Key(registrationId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task InsertDocumentAsync(SearchDocument document, CancellationToken cancellationToken);

    protected abstract Task AddWordsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken);

    /// <summary>Whether some indexed word starts with <paramref name="prefix"/> (then it needs no correction).</summary>
    protected abstract Task<bool> HasWordStartingWithAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Vocabulary words that may be within a few edits of <paramref name="word"/>; the caller measures.</summary>
    protected abstract Task<IReadOnlyList<string>> CandidateWordsAsync(string word, CancellationToken cancellationToken);

    /// <summary>Every matching document, best first.</summary>
    protected abstract Task<IReadOnlyList<IndexRow>> QueryAsync(IndexQuery query, CancellationToken cancellationToken);

    private static void Count(Dictionary<string, int> facet, string values)
    {
        foreach (var value in values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
        {
            facet[value] = facet.GetValueOrDefault(value) + 1;
        }
    }

    private static SearchResults Finish(Activity? activity, SearchResults results)
    {
        activity?.SetTag("skillrt.search.hits", results.TotalHits);
        RegistryTelemetry.SearchHits.Record(results.TotalHits);
        return results;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the search documents of package {RegistrationId} up to date; the next search retries")]
    private static partial void LogRefreshFailed(ILogger logger, Guid registrationId, Exception exception);

    /// <summary>
    /// A query as the index sees it: each term with its alternatives (the word itself, matched as a
    /// prefix, then typo corrections, matched whole), the filters, and the exact-ID text.
    /// </summary>
    protected sealed record IndexQuery(
        IReadOnlyList<IReadOnlyList<string>> Terms,
        IReadOnlyList<SearchFilter> Filters,
        string? PackageId,
        Guid? OwnerId,
        bool? Typed,
        string ExactText,
        bool Prerelease);

    /// <summary>
    /// A matching document: what the page needs and what the facets count. <paramref name="CoOwnerIds"/>
    /// are the co-owners' IDs, space-separated, as the engine aggregated them.
    /// </summary>
    protected sealed record IndexRow(
        Guid RegistrationId,
        Guid VersionId,
        string NormalizedId,
        string Runtimes,
        string Permissions,
        string Outputs,
        Guid OwnerId,
        string CoOwnerIds,
        bool Typed)
    {
        /// <summary>The primary owner, then the co-owners.</summary>
        public IReadOnlyList<Guid> OwnerIds()
        {
            if (CoOwnerIds.Length == 0)
            {
                return [OwnerId];
            }

            var ids = new List<Guid> { OwnerId };
            foreach (var text in CoOwnerIds.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Guid.TryParse(text, out var id) && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }

            return ids;
        }
    }
}
