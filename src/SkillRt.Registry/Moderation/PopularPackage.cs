using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// A package popular enough that a new name must not imitate it: its ID and the names of its skills
/// (<see cref="Names"/>), with its owner (an owner may imitate itself).
/// </summary>
internal sealed record PopularPackage(string PackageId, Guid OwnerId, IReadOnlyList<string> SkillNames)
{
    /// <summary>The package ID and its skills' names.</summary>
    public IEnumerable<string> Names => [PackageId, .. SkillNames];
}
