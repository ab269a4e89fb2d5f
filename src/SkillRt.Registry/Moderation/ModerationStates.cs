namespace SkillRt.Registry.Moderation;

/// <summary>The states an appeal or an abuse report is in, as stored and as the API spells them.</summary>
internal static class ModerationStates
{
    /// <summary>Waiting in the admin queue.</summary>
    public const string Open = "open";

    /// <summary>An appeal an administrator agreed with: the version was released.</summary>
    public const string Granted = "granted";

    /// <summary>An appeal an administrator refused: the version was removed.</summary>
    public const string Denied = "denied";

    /// <summary>A report an administrator closed without acting on the package.</summary>
    public const string Dismissed = "dismissed";

    /// <summary>A report whose version an administrator removed.</summary>
    public const string Actioned = "actioned";
}
