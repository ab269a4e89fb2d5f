using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Memory.Duplicates;
using SkillRt.Memory.Querying;
using SkillRt.Memory.Writing;

namespace SkillRt.Memory.Sqlite;

internal sealed partial class SqliteMemoryStore
{
    /// <summary>
    /// Lexical near-duplicate search ranks the best full-text matches of the write's words and compares
    /// only those: texts with a trigram Jaccard of 0.8 share nearly all their words, so they rank at the top.
    /// </summary>
    private const int LexicalCandidates = 50;

    /// <summary>
    /// The candidates share at least two of the write's four longest words (longer words are rarer):
    /// a few rows to compare however large the store, and a near duplicate keeps most of its words.
    /// </summary>
    private const int LexicalCandidateWords = 4;

    /// <summary>A write reports at most this many near duplicates, the most similar.</summary>
    private const int MaxReportedDuplicates = 10;

    public async Task<UpsertResult> UpsertAsync(MemoryWrite write, CancellationToken cancellationToken = default)
    {
        var valid = WriteValidator.Validate(write, _options, _kinds);
        // The model runs before the write lock is taken: other writers do not wait for it.
        var embedding = await EmbedAsync(valid.Text, cancellationToken).ConfigureAwait(false);
        return await WriteAsync((connection, transaction, now) => UpsertAsync(connection, transaction, now, valid, embedding, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<float[]?> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        if (_embeddings is null)
        {
            return null;
        }

        var generated = await _embeddings.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        return generated[0].Vector.ToArray();
    }

    private async Task<UpsertResult> UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, long now, ValidatedWrite write, float[]? embedding, CancellationToken cancellationToken)
    {
        StoredMemory? target = null;
        if (write.Id is not null)
        {
            target = await LoadAsync(connection, transaction, "m.id = $id AND m.namespace = $ns", cancellationToken, ("$id", write.Id), ("$ns", write.Namespace)).ConfigureAwait(false)
                ?? throw new MemoryException(MemoryErrorCodes.NotFound, $"No memory has id '{write.Id}' in namespace '{write.Namespace}'. Leave the id out to create a memory, or check the namespace.");
            if (write.Key is not null && target.Record.Key is not null && target.Record.Key != write.Key)
            {
                throw new MemoryException(MemoryErrorCodes.InvalidKey, $"Memory '{write.Id}' has key '{target.Record.Key}', not '{write.Key}'. A memory's key never changes: write with its key, or leave the key out.");
            }
        }
        else if (write.Key is not null)
        {
            target = await LoadAsync(connection, transaction, "m.namespace = $ns AND m.key = $key", cancellationToken, ("$ns", write.Namespace), ("$key", write.Key)).ConfigureAwait(false);
        }

        if (write.ExpectedVersion is { } expected)
        {
            var current = target?.Record.Version ?? 0;
            if (current != expected)
            {
                throw new MemoryException(MemoryErrorCodes.VersionConflict,
                    current == 0
                        ? $"The memory was expected at version {expected} but does not exist (it was forgotten, or never written). Read again and decide."
                        : $"The memory is at version {current}, not the expected {expected}: someone else wrote it first. Read it again, reapply your change and retry with version {current}.")
                {
                    CurrentVersion = current,
                };
            }
        }

        if (target is not null)
        {
            if (target.Record.ContentHash == write.ContentHash)
            {
                await BackfillEmbeddingAsync(connection, transaction, target.Seq, embedding, cancellationToken).ConfigureAwait(false);
                return await UpdateInPlaceAsync(connection, transaction, now, target, write.Tags, UpsertOutcome.Updated, [], write.Policy, cancellationToken).ConfigureAwait(false);
            }

            var superseded = await SupersedeAsync(connection, transaction, now, target, write, write.Tags, write.Key ?? target.Record.Key, embedding, cancellationToken).ConfigureAwait(false);
            return new UpsertResult { Outcome = UpsertOutcome.Superseded, Memory = superseded, Duplicates = [], Policy = write.Policy };
        }

        if (write.Key is null)
        {
            // Keyless: the same content already stored (live or archived) is the same memory.
            // '+' keeps SQLite on the hash index: ordered by the namespace index instead, it would scan the namespace.
            var exact = await LoadAsync(connection, transaction, "m.namespace = $ns AND m.content_hash = $hash ORDER BY +m.state, +m.updated_at DESC LIMIT 1",
                cancellationToken, ("$ns", write.Namespace), ("$hash", write.ContentHash)).ConfigureAwait(false);
            if (exact is not null)
            {
                await BackfillEmbeddingAsync(connection, transaction, exact.Seq, embedding, cancellationToken).ConfigureAwait(false);
                var match = new DuplicateMatch { Id = exact.Record.Id, Key = exact.Record.Key, Similarity = 1, Method = SimilarityMethod.Exact };
                return await UpdateInPlaceAsync(connection, transaction, now, exact, write.Tags, UpsertOutcome.MergedExactDuplicate, [match], write.Policy, cancellationToken).ConfigureAwait(false);
            }
        }

        var near = await FindNearDuplicatesAsync(connection, transaction, write, embedding, cancellationToken).ConfigureAwait(false);
        if (near.Count > 0 && write.Policy == DuplicatePolicy.Reject)
        {
            return new UpsertResult { Outcome = UpsertOutcome.RejectedAsDuplicate, Memory = null, Duplicates = near.Select(n => n.Match).ToArray(), Policy = write.Policy };
        }

        if (near.Count > 0 && write.Policy == DuplicatePolicy.Merge)
        {
            // Merging never changes a key: a keyed write merges only into a keyless memory, which takes the key.
            var into = near.FirstOrDefault(n => n.Memory.Record.Key is null || write.Key is null);
            if (into is not null)
            {
                var tags = into.Memory.Record.Tags.Union(write.Tags, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var merged = await SupersedeAsync(connection, transaction, now, into.Memory, write, tags, into.Memory.Record.Key ?? write.Key, embedding, cancellationToken).ConfigureAwait(false);
                return new UpsertResult { Outcome = UpsertOutcome.MergedNearDuplicate, Memory = merged, Duplicates = near.Select(n => n.Match).ToArray(), Policy = write.Policy };
            }
        }

        var created = await InsertAsync(connection, transaction, now, write, embedding, cancellationToken).ConfigureAwait(false);
        return new UpsertResult { Outcome = UpsertOutcome.Created, Memory = created, Duplicates = near.Select(n => n.Match).ToArray(), Policy = write.Policy };
    }

    /// <summary>
    /// A memory written before a generator was registered (or with another model) gets this model's
    /// vector when its content is written again; the vector is derived data, so the version stays.
    /// </summary>
    private async Task BackfillEmbeddingAsync(SqliteConnection connection, SqliteTransaction transaction, long seq, float[]? embedding, CancellationToken cancellationToken)
    {
        if (embedding is null)
        {
            return;
        }

        using var update = Command(connection, transaction,
            "UPDATE memories SET embedding = $embedding, embedding_model = $model WHERE seq = $seq AND (embedding_model IS NULL OR embedding_model <> $model)",
            ("$embedding", Vectors.ToBlob(embedding)), ("$model", _embeddingModel!), ("$seq", seq));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Same content: tags are united (no tag is lost without history), an archived memory comes back; nothing written when nothing changes.</summary>
    private static async Task<UpsertResult> UpdateInPlaceAsync(SqliteConnection connection, SqliteTransaction transaction, long now, StoredMemory target,
        IReadOnlyList<string> tags, UpsertOutcome changedOutcome, IReadOnlyList<DuplicateMatch> duplicates, DuplicatePolicy policy, CancellationToken cancellationToken)
    {
        var united = target.Record.Tags.Union(tags, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var tagsChanged = !united.SequenceEqual(target.Record.Tags, StringComparer.Ordinal);
        if (!tagsChanged && target.Record.State == MemoryState.Live)
        {
            var outcome = changedOutcome == UpsertOutcome.MergedExactDuplicate ? changedOutcome : UpsertOutcome.Unchanged;
            return new UpsertResult { Outcome = outcome, Memory = target.Record, Duplicates = duplicates, Policy = policy };
        }

        using (var update = Command(connection, transaction,
            "UPDATE memories SET tags = $tags, updated_at = $now, version = version + 1, state = 0, archived_at = NULL WHERE seq = $seq",
            ("$tags", MemoryRows.TagsJson(united)), ("$now", now), ("$seq", target.Seq)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await WriteTagsAsync(connection, transaction, target.Seq, united, cancellationToken).ConfigureAwait(false);
        var updated = await LoadAsync(connection, transaction, "m.seq = $seq", cancellationToken, ("$seq", target.Seq)).ConfigureAwait(false);
        return new UpsertResult { Outcome = changedOutcome, Memory = updated!.Record, Duplicates = duplicates, Policy = policy };
    }

    /// <summary>New content for an existing memory: the current revision moves to the history with valid_to = now.</summary>
    private async Task<MemoryRecord> SupersedeAsync(SqliteConnection connection, SqliteTransaction transaction, long now, StoredMemory target,
        ValidatedWrite write, IReadOnlyList<string> tags, string? key, float[]? embedding, CancellationToken cancellationToken)
    {
        using (var keep = Command(connection, transaction,
            """
            INSERT INTO memory_history (id, version, namespace, kind, key, value, text, tags, content_hash, prov_api_key, prov_skill, prov_skill_version, prov_client, created_at, updated_at, valid_from, valid_to)
            SELECT id, version, namespace, kind, key, value, text, tags, content_hash, prov_api_key, prov_skill, prov_skill_version, prov_client, created_at, updated_at, valid_from, $now
            FROM memories WHERE seq = $seq
            """, ("$now", now), ("$seq", target.Seq)))
        {
            await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var update = Command(connection, transaction,
            """
            UPDATE memories SET kind = $kind, key = $key, value = $value, text = $text, tags = $tags, content_hash = $hash, embedding = $embedding, embedding_model = $model,
                prov_api_key = $apiKey, prov_skill = $skill, prov_skill_version = $skillVersion, prov_client = $client,
                updated_at = $now, valid_from = $validFrom, version = version + 1, state = 0, archived_at = NULL
            WHERE seq = $seq
            """,
            [.. ContentParameters(write, tags, embedding), ("$key", MemoryRows.Db(key)), ("$now", now), ("$validFrom", write.ValidFrom?.ToUnixTimeMilliseconds() ?? now), ("$seq", target.Seq)]))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await WriteTagsAsync(connection, transaction, target.Seq, tags, cancellationToken).ConfigureAwait(false);
        await WriteFullTextAsync(connection, transaction, target.Seq, write.Text, replace: true, cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(connection, transaction, "m.seq = $seq", cancellationToken, ("$seq", target.Seq)).ConfigureAwait(false))!.Record;
    }

    private async Task<MemoryRecord> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, long now, ValidatedWrite write, float[]? embedding, CancellationToken cancellationToken)
    {
        long seq;
        using (var insert = Command(connection, transaction,
            """
            INSERT INTO memories (id, namespace, kind, key, value, text, tags, content_hash, embedding, embedding_model, prov_api_key, prov_skill, prov_skill_version, prov_client,
                created_at, updated_at, last_read_at, valid_from, version, state, archived_at)
            VALUES ($id, $ns, $kind, $key, $value, $text, $tags, $hash, $embedding, $model, $apiKey, $skill, $skillVersion, $client, $now, $now, NULL, $validFrom, 1, 0, NULL)
            RETURNING seq
            """,
            [.. ContentParameters(write, write.Tags, embedding), ("$id", MemoryIds.New(_time.GetUtcNow())), ("$ns", write.Namespace), ("$key", MemoryRows.Db(write.Key)),
                ("$now", now), ("$validFrom", write.ValidFrom?.ToUnixTimeMilliseconds() ?? now)]))
        {
            seq = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await WriteTagsAsync(connection, transaction, seq, write.Tags, cancellationToken).ConfigureAwait(false);
        await WriteFullTextAsync(connection, transaction, seq, write.Text, replace: false, cancellationToken).ConfigureAwait(false);
        return (await LoadAsync(connection, transaction, "m.seq = $seq", cancellationToken, ("$seq", seq)).ConfigureAwait(false))!.Record;
    }

    private (string, object)[] ContentParameters(ValidatedWrite write, IReadOnlyList<string> tags, float[]? embedding) =>
    [
        ("$kind", write.Kind), ("$value", write.ValueJson), ("$text", write.Text), ("$tags", MemoryRows.TagsJson(tags)), ("$hash", write.ContentHash),
        ("$embedding", MemoryRows.Db(embedding is null ? null : Vectors.ToBlob(embedding))), ("$model", MemoryRows.Db(embedding is null ? null : _embeddingModel)),
        ("$apiKey", MemoryRows.Db(write.Provenance.ApiKeyId)), ("$skill", MemoryRows.Db(write.Provenance.SkillName)),
        ("$skillVersion", MemoryRows.Db(write.Provenance.SkillVersion)), ("$client", MemoryRows.Db(write.Provenance.Client)),
    ];

    private static async Task WriteTagsAsync(SqliteConnection connection, SqliteTransaction transaction, long seq, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        using (var clear = Command(connection, transaction, "DELETE FROM memory_tags WHERE seq = $seq", ("$seq", seq)))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var tag in tags)
        {
            using var insert = Command(connection, transaction, "INSERT INTO memory_tags (tag, seq) VALUES ($tag, $seq)", ("$tag", tag), ("$seq", seq));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteFullTextAsync(SqliteConnection connection, SqliteTransaction transaction, long seq, string text, bool replace, CancellationToken cancellationToken)
    {
        if (replace)
        {
            using var delete = Command(connection, transaction, "DELETE FROM memory_fts WHERE rowid = $seq", ("$seq", seq));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var insert = Command(connection, transaction, "INSERT INTO memory_fts (rowid, text) VALUES ($seq, $text)", ("$seq", seq), ("$text", text));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Live memories of the same namespace and kind at least as similar as the threshold, most similar
    /// first: by embedding cosine over the most recent <see cref="SkillMemoryOptions.NearDuplicateScanLimit"/>
    /// (rows embedded by the same model), or by trigram Jaccard over the best full-text matches of the write's words.
    /// </summary>
    private async Task<IReadOnlyList<NearDuplicate>> FindNearDuplicatesAsync(SqliteConnection connection, SqliteTransaction transaction, ValidatedWrite write, float[]? embedding, CancellationToken cancellationToken)
    {
        var scored = new List<(long Seq, double Similarity)>();
        if (embedding is not null)
        {
            using var command = Command(connection, transaction,
                "SELECT m.seq, m.embedding FROM memories m WHERE m.namespace = $ns AND m.kind = $kind AND m.state = 0 AND m.embedding_model = $model ORDER BY m.updated_at DESC LIMIT $limit",
                ("$ns", write.Namespace), ("$kind", write.Kind), ("$model", _embeddingModel!), ("$limit", _options.NearDuplicateScanLimit));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var similarity = Vectors.Cosine(embedding, (byte[])reader.GetValue(1));
                if (similarity >= _options.EmbeddingDuplicateThreshold)
                {
                    scored.Add((reader.GetInt64(0), similarity));
                }
            }
        }
        else
        {
            if (!QueryCompiler.Words(write.Text).Any())
            {
                return [];
            }

            var grams = LexicalSimilarity.Trigrams(write.Text);
            using var command = Command(connection, transaction,
                """
                SELECT m.seq, m.text FROM memory_fts CROSS JOIN memories m ON m.seq = memory_fts.rowid
                WHERE memory_fts MATCH $match AND m.namespace = $ns AND m.kind = $kind AND m.state = 0
                ORDER BY bm25(memory_fts) LIMIT $limit
                """,
                ("$match", CandidateQuery(write.Text)),
                ("$ns", write.Namespace), ("$kind", write.Kind), ("$limit", LexicalCandidates));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var similarity = LexicalSimilarity.Jaccard(grams, LexicalSimilarity.Trigrams(reader.GetString(1)));
                if (similarity >= _options.LexicalDuplicateThreshold)
                {
                    scored.Add((reader.GetInt64(0), similarity));
                }
            }
        }

        var method = embedding is null ? SimilarityMethod.Lexical : SimilarityMethod.Embedding;
        var result = new List<NearDuplicate>();
        foreach (var (seq, similarity) in scored.OrderByDescending(s => s.Similarity).ThenBy(s => s.Seq).Take(MaxReportedDuplicates))
        {
            var memory = (await LoadAsync(connection, transaction, "m.seq = $seq", cancellationToken, ("$seq", seq)).ConfigureAwait(false))!;
            result.Add(new NearDuplicate(memory, new DuplicateMatch { Id = memory.Record.Id, Key = memory.Record.Key, Similarity = Math.Min(1, similarity), Method = method }));
        }

        return result;
    }

    /// <summary>Two of the four longest words, in every combination: <c>("a" AND "b") OR ("a" AND "c") OR …</c>; any word when there are fewer than three.</summary>
    private static string CandidateQuery(string text)
    {
        var words = QueryCompiler.Words(text).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(LexicalCandidateWords).Select(w => "\"" + w + "\"").ToArray();
        if (words.Length < 3)
        {
            return string.Join(" OR ", words);
        }

        var pairs = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            for (var j = i + 1; j < words.Length; j++)
            {
                pairs.Add($"({words[i]} AND {words[j]})");
            }
        }

        return string.Join(" OR ", pairs);
    }

    private sealed record NearDuplicate(StoredMemory Memory, DuplicateMatch Match);
}
