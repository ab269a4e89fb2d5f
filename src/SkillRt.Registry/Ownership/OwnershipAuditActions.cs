namespace SkillRt.Registry.Ownership;

/// <summary>
/// The audit log's actions for packages' owners. Each entry's <c>packageId</c> is the package, its
/// <c>target</c> is <c>owner:</c> followed by the owner the change is about (the invited, accepting,
/// removed or new primary owner), and its actor is the account that made the change.
/// </summary>
public static class OwnershipAuditActions
{
    /// <summary>An owner was invited (details: <c>owner</c>, <c>kind</c> <c>coOwner</c> or <c>transfer</c>, <c>from</c> the primary owner). Inviting again replaces the pending invitation and is recorded again.</summary>
    public const string Invite = "package.owner-invite";

    /// <summary>A pending invitation was withdrawn by the package's owners or an administrator (details: <c>owner</c>, <c>kind</c>).</summary>
    public const string Withdraw = "package.owner-withdraw";

    /// <summary>A pending invitation was declined by a member of the invited owner (details: <c>owner</c>, <c>kind</c>).</summary>
    public const string Decline = "package.owner-decline";

    /// <summary>A co-owner invitation was accepted: the owner is a co-owner now (details: <c>owner</c>).</summary>
    public const string Accept = "package.owner-accept";

    /// <summary>A co-owner was removed (details: <c>owner</c>).</summary>
    public const string Remove = "package.owner-remove";

    /// <summary>A transfer was accepted: the package has a new primary owner and the old one is removed (details: <c>from</c>, <c>to</c>).</summary>
    public const string Transfer = "package.owner-transfer";
}
