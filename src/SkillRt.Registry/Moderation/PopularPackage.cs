using System;

namespace SkillRt.Registry.Moderation;

/// <summary>A package popular enough that a new name must not imitate it, with its owner (an owner may imitate itself).</summary>
internal sealed record PopularPackage(string PackageId, Guid OwnerId);
