using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Memory.Decay;
using SkillRt.Memory.Duplicates;
using SkillRt.Memory.Querying;

namespace SkillRt.Memory.Sqlite;

internal sealed partial class SqliteMemoryStore
{
    public Task<MemoryPage> FindAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        var compiled = QueryCompiler.Compile(query, _options);
        return Guard(async () =>
        {
            var queryVector = compiled.SimilarTo is null ? null : await EmbedAsync(compiled.SimilarTo, cancellationToken).ConfigureAwait(false);
            List<Ranked> ordered;
            long rankedAt;
            CursorPosition? cursor;
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                cursor = query.Cursor is null ? null : _cursors!.Decode(query.Cursor, compiled.Fingerprint);
                rankedAt = cursor?.RankedAt ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
                // One snapshot for the ranking and the rows it returns.
                using var transaction = connection.BeginTransaction(deferred: true);
                ordered = compiled.Ranked
                    ? await RankAsync(connection, transaction, compiled, cursor, rankedAt, queryVector, cancellationToken).ConfigureAwait(false)
                    : await ByTimeAsync(connection, transaction, compiled, cursor, cancellationToken).ConfigureAwait(false);
                await LoadRecordsAsync(connection, transaction, ordered, cancellationToken).ConfigureAwait(false);
            }

            return await PageAsync(compiled, cursor, ordered, rankedAt, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Newest first, keyset-paged on (updated_at, id): the database does the paging.</summary>
    private static async Task<List<Ranked>> ByTimeAsync(SqliteConnection connection, SqliteTransaction transaction, CompiledQuery query, CursorPosition? cursor, CancellationToken cancellationToken)
    {
        var keyset = cursor is null ? "" : " AND (m.updated_at < $cu OR (m.updated_at = $cu AND m.id > $ci))";
        using var command = Command(connection, transaction, $"SELECT m.seq, m.id, m.updated_at FROM memories m WHERE {query.Where}{keyset} ORDER BY m.updated_at DESC, m.id LIMIT $take");
        AddParameters(command, query);
        command.Parameters.AddWithValue("$take", query.PageSize + 1);
        if (cursor is not null)
        {
            command.Parameters.AddWithValue("$cu", cursor.UpdatedAt);
            command.Parameters.AddWithValue("$ci", cursor.Id);
        }

        var rows = new List<Ranked>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new Ranked(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), null, null));
        }

        return rows;
    }

    /// <summary>
    /// Text and semantic queries: candidates scored in memory (BM25 or similarity, weighted by freshness
    /// at the first page's time, which the cursor keeps so scores do not drift between pages), ordered by
    /// (score desc, id), then keyset-paged on that order.
    /// </summary>
    private async Task<List<Ranked>> RankAsync(SqliteConnection connection, SqliteTransaction transaction, CompiledQuery query, CursorPosition? cursor, long rankedAt,
        float[]? queryVector, CancellationToken cancellationToken)
    {
        var semantic = query.SimilarTo is not null;
        var lexical = semantic && queryVector is null;
        var extra = !semantic ? "" : lexical ? ", m.text" : ", m.embedding";
        var modelCondition = semantic && !lexical ? " AND m.embedding_model = $model" : "";
        var sql = query.FullText is not null
            ? $"SELECT m.seq, m.id, m.updated_at, m.last_read_at, bm25(memory_fts){extra} FROM memory_fts CROSS JOIN memories m ON m.seq = memory_fts.rowid " +
              $"WHERE memory_fts MATCH $fts AND {query.Where}{modelCondition} ORDER BY bm25(memory_fts) LIMIT $candidates"
            : $"SELECT m.seq, m.id, m.updated_at, m.last_read_at, 0.0{extra} FROM memories m WHERE {query.Where}{modelCondition}";
        using var command = Command(connection, transaction, sql);
        AddParameters(command, query);
        if (query.FullText is not null)
        {
            command.Parameters.AddWithValue("$fts", query.FullText);
            command.Parameters.AddWithValue("$candidates", _options.TextCandidateLimit);
        }

        if (modelCondition.Length > 0)
        {
            command.Parameters.AddWithValue("$model", _embeddingModel!);
        }

        var queryGrams = lexical ? LexicalSimilarity.Trigrams(query.SimilarTo!) : null;
        var scored = new List<Ranked>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                double relevance;
                double? similarity = null;
                if (semantic)
                {
                    similarity = lexical
                        ? LexicalSimilarity.Jaccard(queryGrams!, LexicalSimilarity.Trigrams(reader.GetString(5)))
                        : Vectors.Cosine(queryVector, (byte[])reader.GetValue(5));
                    if (query.MinSimilarity is { } min && similarity < min)
                    {
                        continue;
                    }

                    relevance = similarity.Value;
                }
                else
                {
                    // bm25() is lower for better matches; negated, higher is better like every other score.
                    relevance = -reader.GetDouble(4);
                }

                var lastUsed = Math.Max(reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3));
                var freshness = Freshness.Of(TimeSpan.FromMilliseconds(rankedAt - lastUsed), _options.DecayHalfLife);
                var score = Freshness.Weigh(relevance, freshness, _options.RankingFreshnessWeight);
                var id = reader.GetString(1);
                if (cursor is null || score < cursor.Score || (score == cursor.Score && string.CompareOrdinal(id, cursor.Id) > 0))
                {
                    scored.Add(new Ranked(reader.GetInt64(0), id, reader.GetInt64(2), score, similarity));
                }
            }
        }

        scored.Sort((a, b) => b.Score!.Value.CompareTo(a.Score!.Value) is var byScore and not 0 ? byScore : string.CompareOrdinal(a.Id, b.Id));
        return scored.Count > query.PageSize + 1 ? scored.GetRange(0, query.PageSize + 1) : scored;
    }

    private static async Task LoadRecordsAsync(SqliteConnection connection, SqliteTransaction transaction, List<Ranked> ordered, CancellationToken cancellationToken)
    {
        if (ordered.Count == 0)
        {
            return;
        }

        var bySeq = ordered.ToDictionary(r => r.Seq);
        using var command = Command(connection, transaction, $"SELECT {MemoryRows.Columns} FROM memories m WHERE m.seq IN ({string.Join(", ", bySeq.Keys)})");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var stored = MemoryRows.Read(reader);
            bySeq[stored.Seq].Memory = stored;
        }
    }

    /// <summary>Cuts the page to its size and the token budget, makes the next cursor and records the reads.</summary>
    private async Task<MemoryPage> PageAsync(CompiledQuery query, CursorPosition? cursor, List<Ranked> ordered, long rankedAt, CancellationToken cancellationToken)
    {
        var hits = new List<(Ranked Row, int Tokens)>();
        var total = 0;
        var truncated = false;
        int? nextTokens = null;
        foreach (var row in ordered.Take(query.PageSize))
        {
            var tokens = TokenEstimate.Of(row.Memory!.Record, row.Memory.Record.Value.GetRawText());
            if (query.TokenBudget is { } budget && total + tokens > budget)
            {
                truncated = true;
                nextTokens = tokens;
                break;
            }

            hits.Add((row, tokens));
            total += tokens;
        }

        string? next = null;
        if (truncated || ordered.Count > query.PageSize)
        {
            // When nothing fitted, the cursor stays where this page began, so a larger budget gets that hit next.
            next = _cursors!.Encode(hits.Count > 0
                ? new CursorPosition(query.Fingerprint, rankedAt, hits[^1].Row.UpdatedAt, hits[^1].Row.Score ?? 0, hits[^1].Row.Id)
                : cursor ?? new CursorPosition(query.Fingerprint, rankedAt, long.MaxValue, double.MaxValue, ""));
        }

        var readAt = await TrackReadsAsync(hits.Select(h => h.Row.Memory!).ToArray(), cancellationToken).ConfigureAwait(false);
        return new MemoryPage
        {
            Hits = hits.Select(h => new MemoryHit
            {
                Memory = AfterRead(h.Row.Memory!.Record, readAt),
                Score = h.Row.Score,
                Similarity = h.Row.Similarity,
                EstimatedTokens = h.Tokens,
            }).ToArray(),
            NextCursor = next,
            EstimatedTokens = total,
            TruncatedByBudget = truncated,
            NextHitTokens = nextTokens,
        };
    }

    private static void AddParameters(SqliteCommand command, CompiledQuery query)
    {
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    /// <summary>A candidate in result order; its full row is loaded only when it makes the page.</summary>
    private sealed class Ranked(long seq, string id, long updatedAt, double? score, double? similarity)
    {
        public long Seq { get; } = seq;

        public string Id { get; } = id;

        public long UpdatedAt { get; } = updatedAt;

        public double? Score { get; } = score;

        public double? Similarity { get; } = similarity;

        public StoredMemory? Memory { get; set; }
    }
}
