using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Web.Admin;

/// <summary>Counts what waits in the moderation queue: four indexed counts, not the queue's lists.</summary>
internal sealed class AdminOverviewReader(RegistryDbContext database, IdentityDbContext identity)
{
    public async Task<AdminOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var quarantined = await database.Versions.IgnoreQueryFilters().CountAsync(v => v.IsQuarantined, cancellationToken).ConfigureAwait(false);
        var appeals = await database.Set<QuarantineAppeal>().CountAsync(a => a.State == ModerationStates.Open, cancellationToken).ConfigureAwait(false);
        var reports = await database.Set<AbuseReport>().CountAsync(r => r.State == ModerationStates.Open, cancellationToken).ConfigureAwait(false);
        var suspended = await identity.Accounts.CountAsync(a => a.IsDisabled, cancellationToken).ConfigureAwait(false);
        return new AdminOverview(quarantined, appeals, reports, suspended);
    }
}
