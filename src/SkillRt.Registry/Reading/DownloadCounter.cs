using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SkillRt.Registry.Reading;

/// <summary>
/// Downloads counted in memory and written to the database in batches by
/// <see cref="DownloadCountWriter"/>: one transaction a second instead of one per download, which is
/// what lets a replica serve packages at the rate of its disk rather than of its database's commits.
/// Each batch adds its counts (<c>Downloads = Downloads + n</c>), so replicas never overwrite each
/// other's counts. A replica that is killed loses at most the last second's counts; one that is
/// stopped writes them first.
/// </summary>
internal sealed class DownloadCounter
{
    private readonly ConcurrentDictionary<(Guid RegistrationId, Guid VersionId), long> _pending = new();

    /// <summary>Counts one download of a version.</summary>
    public void Add(Guid registrationId, Guid versionId) =>
        _pending.AddOrUpdate((registrationId, versionId), 1, static (_, count) => count + 1);

    /// <summary>Takes every count so far, leaving none pending; the caller writes them or gives them back.</summary>
    public IReadOnlyCollection<KeyValuePair<(Guid RegistrationId, Guid VersionId), long>> Take()
    {
        // One dictionary, drained key by key: a download counted while this runs either is taken with
        // its key or re-creates the key for the next batch. (Swapping dictionaries could let an Add
        // land in the one already taken, and be lost.)
        var taken = new List<KeyValuePair<(Guid RegistrationId, Guid VersionId), long>>();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var count))
            {
                taken.Add(KeyValuePair.Create(key, count));
            }
        }

        return taken;
    }

    /// <summary>Puts counts back after a failed write, so the next batch writes them.</summary>
    public void Restore(IEnumerable<KeyValuePair<(Guid RegistrationId, Guid VersionId), long>> counts)
    {
        foreach (var (key, count) in counts)
        {
            _pending.AddOrUpdate(key, count, (_, existing) => existing + count);
        }
    }
}
