using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Web.Admin;

/// <summary>
/// Reads the audit log for an <see cref="AuditLogQuery"/>: <c>GET api/v2/audit</c> and the
/// <c>/admin/audit</c> page run the same query. Newest first by ID (the order entries were written
/// in), with one entry more than asked to know whether an older page exists without counting.
/// </summary>
internal sealed class AuditLogReader(RegistryDbContext database)
{
    public async Task<AuditLogPage> ReadAsync(AuditLogQuery query, CancellationToken cancellationToken)
    {
        var entries = database.Set<RegistryAuditEntry>().AsNoTracking();
        if (query.Package is { } package)
        {
            entries = entries.Where(e => e.NormalizedPackageId == package);
        }

        if (query.ActorId is { } actorId)
        {
            entries = entries.Where(e => e.ActorAccountId == actorId);
        }
        else if (query.Actor is { } actor)
        {
            // Translated to SQL's lower() on both engines (account names are ASCII); the culture rules do not apply.
#pragma warning disable CA1304, CA1311, CA1862
            entries = entries.Where(e => e.ActorName.ToLower() == actor);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.Since is { } since)
        {
            entries = entries.Where(e => e.OccurredAt >= since);
        }

        if (query.Until is { } until)
        {
            entries = entries.Where(e => e.OccurredAt < until);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        var page = await entries.OrderByDescending(e => e.Id).Take(query.Take + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > query.Take;
        return new AuditLogPage(page.Take(query.Take).ToList(), more ? page[query.Take - 1].Id : null);
    }
}
