using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Search;

/// <summary>
/// Search on SQLite: an FTS5 table over the documents (unicode61 words, each query word matched as a
/// prefix, BM25 with the ID weighted most), the skill filters as FTS5 column filters, typo
/// corrections from the vocabulary table (words with the query word's first letter and a close length).
/// </summary>
internal sealed class SqlitePackageSearch(RegistryDbContext db, IOwnerDirectory owners, SearchIndexGate gate, ILogger<SqlitePackageSearch> logger)
    : RelationalPackageSearch(db, owners, gate, logger)
{
    // package_id, title, tags, description, skill_text, then the filter columns, which do not rank.
    private const string Bm25 = "bm25(registry_search_fts, 10.0, 5.0, 3.0, 1.0, 2.0, 0.0, 0.0, 0.0, 0.0)";

    protected override async Task InsertDocumentAsync(SearchDocument document, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync(
            """
            INSERT INTO registry_search_docs (registration_id, prerelease, version_id, normalized_id, package_id, title, tags, description, skill_text, runtimes, permissions, outputs, inputs, typed)
            VALUES (@registration, @prerelease, @version, @normalized, @package, @title, @tags, @description, @skill, @runtimes, @permissions, @outputs, @inputs, @typed)
            """,
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@registration", Key(document.RegistrationId));
        AddParameter(command, "@prerelease", document.Prerelease ? 1 : 0);
        AddParameter(command, "@version", Key(document.VersionId));
        AddParameter(command, "@normalized", document.NormalizedId);
        AddParameter(command, "@package", document.IdWords);
        AddParameter(command, "@title", document.Title);
        AddParameter(command, "@tags", document.Tags);
        AddParameter(command, "@description", document.Description);
        AddParameter(command, "@skill", document.SkillText);
        AddParameter(command, "@runtimes", document.Runtimes);
        AddParameter(command, "@permissions", document.Permissions);
        AddParameter(command, "@outputs", document.Outputs);
        AddParameter(command, "@inputs", document.Inputs);
        AddParameter(command, "@typed", document.Typed ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task AddWordsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        // SQLite allows 32,766 parameters a statement; 500 a batch stays far below.
        foreach (var batch in words.Chunk(500))
        {
            var sql = new StringBuilder("INSERT OR IGNORE INTO registry_search_terms (term) VALUES ");
            for (var i = 0; i < batch.Length; i++)
            {
                sql.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@t{i})");
            }

            using var command = await CommandAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                AddParameter(command, "@t" + i.ToString(CultureInfo.InvariantCulture), batch[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task<bool> HasWordStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        using var command = await CommandAsync("SELECT 1 FROM registry_search_terms WHERE term >= @from AND term < @to LIMIT 1", cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@from", prefix);
        AddParameter(command, "@to", prefix + char.MaxValue);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    protected override async Task<IReadOnlyList<string>> CandidateWordsAsync(string word, CancellationToken cancellationToken)
    {
        var distance = FuzzyTerms.MaxDistance(word);
        using var command = await CommandAsync(
            "SELECT term FROM registry_search_terms WHERE term >= @from AND term < @to AND length(term) BETWEEN @shortest AND @longest LIMIT 5000",
            cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@from", word[..1]);
        AddParameter(command, "@to", word[..1] + char.MaxValue);
        AddParameter(command, "@shortest", word.Length - distance);
        AddParameter(command, "@longest", word.Length + distance);
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
        var match = MatchExpression(query);
        if (match is { Length: 0 })
        {
            return [];
        }

        var sql = new StringBuilder(
            "SELECT d.registration_id, d.version_id, d.normalized_id, d.runtimes, d.permissions, d.outputs, p.OwnerId, "
            + "coalesce((SELECT group_concat(c.OwnerId, ' ') FROM registry_co_owners c WHERE c.RegistrationId = d.registration_id), ''), d.typed FROM ");
        sql.Append(match is null
            ? "registry_search_docs d"
            : "registry_search_fts f JOIN registry_search_docs d ON d.id = f.rowid");
        sql.Append(" JOIN registry_packages p ON p.Id = d.registration_id WHERE d.prerelease = @prerelease");
        if (match is not null)
        {
            sql.Append(" AND registry_search_fts MATCH @match");
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
            sql.Append(" AND (p.OwnerId = @owner OR EXISTS (SELECT 1 FROM registry_co_owners c WHERE c.RegistrationId = p.Id AND c.OwnerId = @owner))");
        }

        sql.Append(" ORDER BY (d.normalized_id = @exact) DESC, ");
        sql.Append(match is null ? string.Empty : Bm25 + ", ");
        sql.Append("p.TotalDownloads DESC, d.normalized_id");

        using var command = await CommandAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
        AddParameter(command, "@prerelease", query.Prerelease ? 1 : 0);
        AddParameter(command, "@exact", query.ExactText);
        if (match is not null)
        {
            AddParameter(command, "@match", match);
        }

        if (query.PackageId is not null)
        {
            AddParameter(command, "@package", query.PackageId);
        }

        if (query.OwnerId is { } owner)
        {
            AddParameter(command, "@owner", Key(owner));
        }

        if (query.Typed is { } typed)
        {
            AddParameter(command, "@typed", typed ? 1 : 0);
        }

        var rows = new List<IndexRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new IndexRow(
                ReadGuid(reader, 0), ReadGuid(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                ReadGuid(reader, 6), reader.GetString(7), reader.GetInt64(8) != 0));
        }

        return rows;
    }

    /// <summary>
    /// The FTS5 expression: the words over the text columns, each a prefix or one of its corrections,
    /// all required; each filter a phrase in its column. Null when there is nothing to match (every
    /// document qualifies); empty when a filter has no words (nothing can match).
    /// </summary>
    private static string? MatchExpression(IndexQuery query)
    {
        var parts = new List<string>();
        if (query.Terms.Count > 0)
        {
            var terms = query.Terms.Select(alternatives =>
                "(" + string.Join(" OR ", alternatives.Select((word, i) => Quote(word) + (i == 0 ? "*" : string.Empty))) + ")");
            parts.Add("{package_id title tags description skill_text} : (" + string.Join(" AND ", terms) + ")");
        }

        foreach (var filter in query.Filters)
        {
            var words = SearchTokenizer.Words(filter.Value).ToList();
            if (words.Count == 0)
            {
                return string.Empty;
            }

            var column = filter.Kind switch
            {
                SearchFilterKind.Runtime => "runtimes",
                SearchFilterKind.Permission => "permissions",
                SearchFilterKind.Output => "outputs",
                SearchFilterKind.Input => "inputs",
                SearchFilterKind.Tag => "tags",
                _ => throw new ArgumentOutOfRangeException(nameof(query), filter.Kind, "Not a column filter."),
            };
            parts.Add(column + " : " + Quote(string.Join(' ', words)));
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    // Words hold letters and digits only; quoting makes FTS5 read them as strings, never as operators.
    private static string Quote(string words) => "\"" + words + "\"";

    // EF Core keeps GUIDs on SQLite as uppercase text; the documents use the same spelling to join.
    // EF Core stores GUIDs on SQLite as uppercase text.
    protected override object Key(Guid id) => id.ToString("D").ToUpperInvariant();
}
