namespace SkillRt.Server.Identity;

/// <summary>Who an owner is.</summary>
public enum OwnerKind
{
    /// <summary>The personal owner of one account.</summary>
    User,

    /// <summary>An organisation: several accounts publish for it.</summary>
    Organization,
}
