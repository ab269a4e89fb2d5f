using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Server.Identity;

/// <summary>The owners modules record things under, and which accounts act for them.</summary>
public interface IOwnerDirectory
{
    /// <summary>The owners an account may act for: its personal owner first, then its organisations.</summary>
    Task<IReadOnlyList<OwnerInfo>> GetOwnersOfAsync(Guid accountId, CancellationToken cancellationToken = default);

    /// <summary>The owner with this name (regardless of case), or null.</summary>
    Task<OwnerInfo?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Owners by ID, for showing who owns what; unknown IDs are left out.</summary>
    Task<IReadOnlyDictionary<Guid, OwnerInfo>> GetAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);
}
