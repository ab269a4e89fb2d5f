using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Ownership;

/// <summary>The owners a caller acts for (its personal owner first, then its organisations), and whether it is an administrator.</summary>
internal sealed record CallerOwners(ServerCaller Caller, IReadOnlyList<OwnerInfo> Owners)
{
    /// <summary>An administrator's key with the <c>admin</c> scope: may manage any package's owners and any prefix.</summary>
    public bool IsAdministrator => Caller.IsAdministrator && Caller.HasScope(ApiKeyScopes.Admin);

    /// <summary>Whether the caller's account is a member of <paramref name="ownerId"/>.</summary>
    public bool IsMemberOf(Guid ownerId) => Owners.Any(o => o.Id == ownerId);

    /// <summary>Whether the caller is a member of any of <paramref name="ownerIds"/>.</summary>
    public bool IsMemberOfAny(IEnumerable<Guid> ownerIds) => ownerIds.Any(IsMemberOf);

    /// <summary>Whether the caller may act for the owner: a member, or an administrator.</summary>
    public bool ActsFor(Guid ownerId) => IsAdministrator || IsMemberOf(ownerId);

    public static async Task<CallerOwners> LoadAsync(ServerCaller caller, IOwnerDirectory directory, CancellationToken cancellationToken) =>
        new(caller, await directory.GetOwnersOfAsync(caller.AccountId, cancellationToken).ConfigureAwait(false));
}
