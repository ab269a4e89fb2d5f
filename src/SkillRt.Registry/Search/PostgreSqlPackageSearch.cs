using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Search;

/// <summary>
/// Search on PostgreSQL: a weighted tsvector per document (the ID's words weight A, title and tags B,
/// skill text C, description D; the <c>simple</c> configuration, so words are matched as written,
/// each query word as a prefix) with a GIN index, ranked by <c>ts_rank</c>; the skill filters as a
/// text array with a GIN index (<c>filters @&gt; …</c>); typo corrections from the vocabulary through
/// a pg_trgm index (trigram similarity ≥ 0.2), measured by edit distance.
/// </summary>
internal sealed class PostgreSqlPackageSearch(RegistryDbContext db, IOwnerDirectory owners, SearchIndexGate gate, ILogger<PostgreSqlPackageSearch> logger)
    : RelationalPackageSearch(db, owners, gate, logger)
{
    protected override object Key(Guid id) => id;

    protected override async Task InsertDocumentAsync(SearchDocument document, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync(
            """
            INSERT INTO registry_search_docs (registration_id, prerelease, version_id, normalized_id, runtimes, permissions, outputs, typed, filters, document)
            VALUES (@registration, @prerelease, @version, @normalized, @runtimes, @permissions, @outputs, @typed, @filters,
                setweight(to_tsvector('simple', @package), 'A')
                || setweight(to_tsvector('simple', @title || ' ' || @tags), 'B')
                || setweight(to_tsvector('simple', @skill || ' ' || @inputs), 'C')
                || setweight(to_tsvector('simple', @description), 'D'))
            """,
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "registration", document.RegistrationId);
        AddParameter(command, "prerelease", document.Prerelease);
        AddParameter(command, "version", document.VersionId);
        AddParameter(command, "normalized", document.NormalizedId);
        AddParameter(command, "runtimes", document.Runtimes);
        AddParameter(command, "permissions", document.Permissions);
        AddParameter(command, "outputs", document.Outputs);
        AddParameter(command, "typed", document.Typed);
        AddParameter(command, "filters", document.FilterValues().ToArray());
        AddParameter(command, "package", document.IdWords);
        AddParameter(command, "title", document.Title);
        AddParameter(command, "tags", SearchTokenizer.Join(SearchTokenizer.Words(document.Tags)));
        AddParameter(command, "skill", document.SkillText);
        AddParameter(command, "inputs", SearchTokenizer.Join(SearchTokenizer.Words(document.Inputs)));
        AddParameter(command, "description", document.Description);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task AddWordsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync(
            "INSERT INTO registry_search_terms (term) SELECT unnest(@terms) ORDER BY 1 ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "terms", words.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<bool> HasWordStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        // COLLATE "C" compares bytes, so the range is exactly the words with this prefix and the primary key serves it.
        using var command = await CommandAsync(
            "SELECT 1 FROM registry_search_terms WHERE term COLLATE \"C\" >= @from AND term COLLATE \"C\" < @to LIMIT 1",
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "from", prefix);
        AddParameter(command, "to", prefix + char.MaxValue);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    protected override async Task<IReadOnlyList<string>> CandidateWordsAsync(string word, CancellationToken cancellationToken)
    {
        // similarity() rather than the % operator: its threshold is a session setting, and a
        // transposition in a short word ("reveiw") scores about 0.27, under the default 0.3.
        var distance = FuzzyTerms.MaxDistance(word);
        using var command = await CommandAsync(
            """
            SELECT term FROM registry_search_terms
            WHERE length(term) BETWEEN @shortest AND @longest AND similarity(term, @word) >= 0.2
            ORDER BY similarity(term, @word) DESC LIMIT 50
            """,
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "word", word);
        AddParameter(command, "shortest", word.Length - distance);
        AddParameter(command, "longest", word.Length + distance);
        var words = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            words.Add(reader.GetString(0));
        }

        return words;
    }

    protected override async Task<IReadOnlyList<IndexRow>> QueryAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        foreach (var filter in query.Filters)
        {
            var kind = filter.Kind switch
            {
                SearchFilterKind.Runtime or SearchFilterKind.Permission or SearchFilterKind.Output or SearchFilterKind.Input or SearchFilterKind.Tag => filter.Kind,
                _ => throw new ArgumentOutOfRangeException(nameof(query), filter.Kind, "Not an array filter."),
            };
            filters.Add(SearchDocument.FilterValue(kind, filter.Value));
        }

        var tsquery = query.Terms.Count == 0
            ? null
            : string.Join(" & ", query.Terms.Select(alternatives =>
                "(" + string.Join(" | ", alternatives.Select((word, i) => word + (i == 0 ? ":*" : string.Empty))) + ")"));

        var sql = new StringBuilder(
            """
            SELECT d.registration_id, d.version_id, d.normalized_id, d.runtimes, d.permissions, d.outputs, p."OwnerId",
                coalesce((SELECT string_agg(c."OwnerId"::text, ' ') FROM registry_co_owners c WHERE c."RegistrationId" = d.registration_id), ''),
                d.typed
            FROM registry_search_docs d JOIN registry_packages p ON p."Id" = d.registration_id
            WHERE d.prerelease = @prerelease
            """);
        if (tsquery is not null)
        {
            sql.Append(" AND d.document @@ to_tsquery('simple', @tsquery)");
        }

        if (filters.Count > 0)
        {
            sql.Append(" AND d.filters @> @filters");
        }

        if (query.PackageId is not null)
        {
            sql.Append(" AND d.normalized_id = @package");
        }

        if (query.Typed is not null)
        {
            sql.Append(" AND d.typed = @typed");
        }

        if (query.OwnerId is not null)
        {
            sql.Append(" AND (p.\"OwnerId\" = @owner OR EXISTS (SELECT 1 FROM registry_co_owners c WHERE c.\"RegistrationId\" = p.\"Id\" AND c.\"OwnerId\" = @owner))");
        }

        sql.Append(" ORDER BY (d.normalized_id = @exact) DESC, ");
        sql.Append(tsquery is null ? string.Empty : "ts_rank(d.document, to_tsquery('simple', @tsquery)) DESC, ");
        sql.Append("p.\"TotalDownloads\" DESC, d.normalized_id");

        using var command = await CommandAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
        AddParameter(command, "prerelease", query.Prerelease);
        AddParameter(command, "exact", query.ExactText);
        if (tsquery is not null)
        {
            // Words hold letters and digits only, so the text cannot carry tsquery operators of its own.
            AddParameter(command, "tsquery", tsquery);
        }

        if (filters.Count > 0)
        {
            AddParameter(command, "filters", filters.ToArray());
        }

        if (query.PackageId is not null)
        {
            AddParameter(command, "package", query.PackageId);
        }

        if (query.OwnerId is { } owner)
        {
            AddParameter(command, "owner", owner);
        }

        if (query.Typed is { } typed)
        {
            AddParameter(command, "typed", typed);
        }

        var rows = new List<IndexRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new IndexRow(
                ReadGuid(reader, 0), ReadGuid(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                ReadGuid(reader, 6), reader.GetString(7), reader.GetBoolean(8)));
        }

        return rows;
    }
}
