using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Storage;
using SkillRt.Signing.Transparency;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// Appends a leaf to the transparency log inside the publish's own transaction, so a version is
/// recorded exactly when it is accepted: both rows commit together or neither does.
/// <para>
/// Appends are serialized by a lock, not by retrying: leaf <c>n</c> needs the stored subtrees left of it,
/// and two publishes that both read size <c>n</c> would both compute leaf <c>n</c>. On PostgreSQL a
/// transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) is taken before the log's size is
/// read, across every replica, and released by the commit or rollback; publishes wait for each other
/// only for the few inserts of the commit. A retry on a unique violation would also work, but would
/// redo the whole publish transaction (and be confused with the version's own unique index). On SQLite
/// the publish transaction already holds the database's single write lock (Microsoft.Data.Sqlite begins
/// transactions IMMEDIATE). The leaf index is the table's primary key all the same: should the lock ever
/// be missing, a second leaf <c>n</c> fails the publish instead of forking the log.
/// </para>
/// </summary>
internal sealed class TransparencyLogAppender(RegistryDbContext database, TimeProvider time)
{
    // "skilltl": distinct from the migration lock's key.
    private const long AdvisoryLockKey = 0x736B696C6C746C;

    /// <summary>The SHA-512 of the uploaded package file, read from its start.</summary>
    public static async Task<byte[]> HashPackageAsync(Stream content, CancellationToken cancellationToken)
    {
        content.Position = 0;
        var hash = await SHA512.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        return hash;
    }

    /// <summary>
    /// Adds the leaf for <paramref name="append"/> and the subtrees it completes to the context; the
    /// caller's <c>SaveChanges</c> and commit write them with the version. Must run inside the publish's transaction.
    /// </summary>
    /// <returns>The new leaf's index.</returns>
    public async Task<long> AppendAsync(LogAppend append, CancellationToken cancellationToken)
    {
        if (database.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A transparency log append must run inside the transaction that records the version.");
        }

        using var activity = RegistryTelemetry.Source.StartActivity("registry.transparency_log.append");
        if (database.Database.IsNpgsql())
        {
            await database.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        }

        var last = await database.LogEntries.MaxAsync(e => (long?)e.LeafIndex, cancellationToken).ConfigureAwait(false);
        var index = (last ?? -1) + 1;
        var accepted = new DateTimeOffset(append.AcceptedAt.Ticks - (append.AcceptedAt.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var text = new LogEntry(append.PackageId, append.Version, append.PackageSha512, append.AuthorKeyId, accepted).Format();

        var wanted = MerkleRanges.SiblingsForAppend(index);
        var siblings = await LogNodeStore.ReadAsync(database, wanted, cancellationToken).ConfigureAwait(false);
        var completed = MerkleRanges.Append(index, MerkleHash.Leaf(Encoding.UTF8.GetBytes(text)), [.. wanted.Select(s => siblings[s])]);

        database.LogEntries.Add(new LogEntryRecord
        {
            LeafIndex = index,
            NormalizedId = append.PackageId.ToLowerInvariant(),
            NormalizedVersion = append.Version.ToLowerInvariant(),
            VersionId = append.VersionId,
            Entry = text,
            AppendedAt = time.GetUtcNow().UtcDateTime,
        });
        database.LogNodes.AddRange(completed.Select(node => new LogNodeRecord
        {
            Id = LogNodeRecord.IdOf(node.Subtree.Level, node.Subtree.Index),
            Level = node.Subtree.Level,
            Index = node.Subtree.Index,
            Hash = node.Hash,
        }));
        activity?.SetTag("skillrt.log.leaf_index", index);
        return index;
    }
}
