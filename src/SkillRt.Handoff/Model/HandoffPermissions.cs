using System.Collections.Generic;

namespace SkillRt.Handoff;

/// <summary>Permissions as SKILL.md declares them (SKILL-SPEC section 8): hosts, globs and variable names.</summary>
public sealed record HandoffPermissions
{
    /// <summary>Hosts the child may reach; <c>*</c> for any.</summary>
    public IReadOnlyList<string>? Network { get; init; }

    /// <summary>Filesystem globs the child may read and write.</summary>
    public IReadOnlyList<string>? Filesystem { get; init; }

    /// <summary>Environment variable names the child may read.</summary>
    public IReadOnlyList<string>? Env { get; init; }
}
