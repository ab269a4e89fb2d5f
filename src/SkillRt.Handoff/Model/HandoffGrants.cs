using System.Collections.Generic;

namespace SkillRt.Handoff;

/// <summary>What the child may use: never more than the parent holds (HANDOFF-SPEC section 3.7).</summary>
public sealed record HandoffGrants
{
    /// <summary>Tool names the child may call.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Network, filesystem and environment permissions, in SKILL.md's terms.</summary>
    public HandoffPermissions? Permissions { get; init; }
}
