using System;

namespace SkillRt.Server.Identity;

/// <summary>An owner as modules see it.</summary>
/// <param name="Id">The owner's ID, which modules store next to what it owns.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Kind">A user's personal owner, or an organisation.</param>
public sealed record OwnerInfo(Guid Id, string Name, OwnerKind Kind);
