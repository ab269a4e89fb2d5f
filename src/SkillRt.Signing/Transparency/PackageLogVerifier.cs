using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// Checks a downloaded package against a registry's transparency log: the log key is the one pinned
/// (or is pinned now), the checkpoint is signed by it, the log's entry for the version carries the
/// package's SHA-512, the entry is included in the checkpoint's tree, and that tree extends the last
/// checkpoint this client saw (so the log never rewrote what it had shown). Each check is reported; a
/// failure in one skips those that depend on it. Never throws on what the server sends.
/// </summary>
public static class PackageLogVerifier
{
    /// <summary>Runs every check for <paramref name="packageId"/> <paramref name="version"/>.</summary>
    /// <param name="client">The log of the registry the package came from.</param>
    /// <param name="packageId">The package ID.</param>
    /// <param name="version">The normalized version.</param>
    /// <param name="packageSha512">The SHA-512 of the package bytes the client downloaded.</param>
    /// <param name="pinnedKey">The log key pinned for this registry, or null the first time.</param>
    /// <param name="lastCheckpoint">The last signed checkpoint this client verified for this registry, or null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public static async Task<PackageLogVerification> VerifyAsync(
        TransparencyLogClient client,
        string packageId,
        string version,
        ReadOnlyMemory<byte> packageSha512,
        NoteVerifier? pinnedKey,
        string? lastCheckpoint,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var checks = new List<LogCheck>();
        PackageLogVerification Done(NoteVerifier? key, long? index = null, LogEntry? entry = null)
        {
            foreach (var name in new[] { "log-key", "checkpoint", "entry", "inclusion", "consistency" })
            {
                if (!checks.Exists(c => c.Name == name))
                {
                    checks.Add(new LogCheck(name, LogCheckStatus.Skipped, "not checked: an earlier check did not pass."));
                }
            }

            return new PackageLogVerification(checks, key, null, index, entry);
        }

        // 1. The key: the pinned one, or the one served now on first use.
        var (served, keyProblem) = await client.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        if (served is null)
        {
            checks.Add(new LogCheck("log-key", LogCheckStatus.Unavailable, keyProblem!));
            return Done(null);
        }

        if (pinnedKey is null)
        {
            checks.Add(new LogCheck("log-key", LogCheckStatus.Passed, $"first use: pinned the log key {served.Text}."));
        }
        else if (pinnedKey.SameKeyAs(served))
        {
            checks.Add(new LogCheck("log-key", LogCheckStatus.Passed, $"the log key is the one pinned, {pinnedKey.Name} ({pinnedKey.KeyId:x8})."));
        }
        else
        {
            checks.Add(new LogCheck("log-key", LogCheckStatus.Failed, $"the log's key changed: pinned {pinnedKey.Text}, served now {served.Text}. A registry keeps its log key; if its operators announced a new one, remove the pin and verify again."));
            return Done(served);
        }

        var key = pinnedKey ?? served;

        // 2. Today's checkpoint, signed by that key.
        var (note, checkpointProblem) = await client.GetCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (note is null)
        {
            checks.Add(new LogCheck("checkpoint", LogCheckStatus.Unavailable, checkpointProblem!));
            return Done(served);
        }

        var checkpoint = Checkpoint.Open(note, key, key.Name, out var signature);
        if (checkpoint is null)
        {
            checks.Add(new LogCheck("checkpoint", LogCheckStatus.Failed, "the checkpoint does not verify: " + signature.Problem));
            return Done(served);
        }

        checks.Add(new LogCheck("checkpoint", LogCheckStatus.Passed, FormattableString.Invariant($"checkpoint of {checkpoint.Size} entries signed by {key.Name}, root {Convert.ToBase64String(checkpoint.RootHash.Span)}.")));

        // 3. The log's entry for the version, against the bytes downloaded.
        var (found, index, text, entryProblem) = await client.GetPackageEntryAsync(packageId, version, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            // A registry that serves a version its log never recorded is as suspect as a changed entry.
            var missing = entryProblem!.StartsWith("the log records no", StringComparison.Ordinal);
            checks.Add(new LogCheck("entry", missing ? LogCheckStatus.Failed : LogCheckStatus.Unavailable, entryProblem));
            return Done(served);
        }

        var entry = LogEntry.Parse(text, out var parseProblem);
        if (entry is null)
        {
            checks.Add(new LogCheck("entry", LogCheckStatus.Failed, FormattableString.Invariant($"leaf {index} is not a log entry: {parseProblem}")));
            return Done(served, index);
        }

        if (!string.Equals(entry.PackageId, packageId, StringComparison.OrdinalIgnoreCase) || !string.Equals(entry.Version, version, StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(new LogCheck("entry", LogCheckStatus.Failed, FormattableString.Invariant($"the log answered leaf {index}, which records {entry.PackageId} {entry.Version}, not {packageId} {version}.")));
            return Done(served, index, entry);
        }

        if (!CryptographicOperations.FixedTimeEquals(entry.PackageSha512.Span, packageSha512.Span))
        {
            checks.Add(new LogCheck("entry", LogCheckStatus.Failed, FormattableString.Invariant($"the package's SHA-512 is {Convert.ToBase64String(packageSha512.Span)}, but the log recorded {Convert.ToBase64String(entry.PackageSha512.Span)} when the registry accepted it (leaf {index}): the package file was changed after it was published.")));
            return Done(served, index, entry);
        }

        if (index < 0 || index >= checkpoint.Size)
        {
            checks.Add(new LogCheck("entry", LogCheckStatus.Unavailable, FormattableString.Invariant($"leaf {index} is past the checkpoint's {checkpoint.Size} entries (a replica behind another?); try again in a moment.")));
            return Done(served, index, entry);
        }

        checks.Add(new LogCheck("entry", LogCheckStatus.Passed, FormattableString.Invariant($"leaf {index} records this SHA-512, published {entry.PublishedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z{(entry.AuthorKeyId is null ? ", unsigned" : ", author key " + entry.AuthorKeyId)}.")));

        // 4. The entry is in the signed tree: its hash computed here, not taken from the server.
        var (inclusion, inclusionProblem) = await client.GetInclusionProofAsync(index, checkpoint.Size, cancellationToken).ConfigureAwait(false);
        if (inclusion is null)
        {
            checks.Add(new LogCheck("inclusion", LogCheckStatus.Unavailable, inclusionProblem!));
            return Done(served, index, entry);
        }

        var included = MerkleProof.VerifyInclusion(MerkleHash.Leaf(Encoding.UTF8.GetBytes(text!)), index, checkpoint.Size, inclusion, checkpoint.RootHash.Span);
        checks.Add(included.IsValid
            ? new LogCheck("inclusion", LogCheckStatus.Passed, FormattableString.Invariant($"leaf {index} is in the signed tree of {checkpoint.Size} entries ({inclusion.Count} proof hashes)."))
            : new LogCheck("inclusion", LogCheckStatus.Failed, "the entry is not in the signed log: " + included.Problem + " The log's entry or tree was changed."));
        if (!included.IsValid)
        {
            return Done(served, index, entry);
        }

        // 5. Today's tree extends the last one this client saw.
        var consistency = await CheckConsistencyAsync(client, key, lastCheckpoint, checkpoint, cancellationToken).ConfigureAwait(false);
        checks.Add(consistency);
        return consistency.Status == LogCheckStatus.Passed
            ? new PackageLogVerification(checks, served, note, index, entry)
            : new PackageLogVerification(checks, served, null, index, entry);
    }

    private static async Task<LogCheck> CheckConsistencyAsync(TransparencyLogClient client, NoteVerifier key, string? lastNote, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        if (lastNote is null)
        {
            return new LogCheck("consistency", LogCheckStatus.Passed, "no earlier checkpoint of this log was seen here; this one is remembered for the next verification.");
        }

        var last = Checkpoint.Open(lastNote, key, key.Name, out var lastCheck);
        if (last is null)
        {
            return new LogCheck("consistency", LogCheckStatus.Failed, "the checkpoint remembered from an earlier verification does not verify with the pinned key: " + lastCheck.Problem + " The stored file was changed.");
        }

        if (last.Size > checkpoint.Size)
        {
            return new LogCheck("consistency", LogCheckStatus.Failed, FormattableString.Invariant($"the log shrank: it showed {last.Size} entries before and {checkpoint.Size} now; it dropped entries it had signed."));
        }

        List<byte[]> proof = [];
        if (last.Size != checkpoint.Size && last.Size != 0)
        {
            var (hashes, problem) = await client.GetConsistencyProofAsync(last.Size, checkpoint.Size, cancellationToken).ConfigureAwait(false);
            if (hashes is null)
            {
                return new LogCheck("consistency", LogCheckStatus.Unavailable, problem!);
            }

            proof = hashes;
        }

        var consistent = MerkleProof.VerifyConsistency(last.Size, last.RootHash.Span, checkpoint.Size, checkpoint.RootHash.Span, proof);
        return consistent.IsValid
            ? new LogCheck("consistency", LogCheckStatus.Passed, FormattableString.Invariant($"the log of {checkpoint.Size} entries extends the {last.Size} seen before: nothing was rewritten."))
            : new LogCheck("consistency", LogCheckStatus.Failed, "the log is not consistent with the checkpoint seen before: " + consistent.Problem);
    }
}
