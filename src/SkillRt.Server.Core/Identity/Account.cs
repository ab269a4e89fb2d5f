using System;

namespace SkillRt.Server.Identity;

/// <summary>A person or a machine that signs in with API keys. Every account has a personal owner of the same name.</summary>
internal sealed class Account
{
    /// <summary>The longest suspension reason, in characters.</summary>
    public const int MaxDisabledReasonLength = 1000;

    public Guid Id { get; set; }

    /// <summary>The name as written, for example <c>Alice</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The name in lowercase: names are unique regardless of case.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>Whether the account may manage other accounts and organisations.</summary>
    public bool IsAdministrator { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A disabled account's keys are refused, without deleting what it owns.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Why an administrator suspended (disabled) the account; shown when its keys are refused.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>When the account was suspended (UTC).</summary>
    public DateTime? DisabledAt { get; set; }
}
