using System;

namespace SkillRt.Registry.Audit;

/// <summary>One row of <c>registry_audit</c>: an append-only record of a change. Never updated or deleted by the registry.</summary>
internal sealed class RegistryAuditEntry
{
    /// <summary>Increasing: the order entries were written in, and the read API's cursor.</summary>
    public long Id { get; set; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The account that made it; null for the server itself (a background job).</summary>
    public Guid? ActorAccountId { get; set; }

    /// <summary>The account's name at the time (accounts can be renamed or removed; the log keeps what it was).</summary>
    public required string ActorName { get; set; }

    public required string Action { get; set; }

    public string? PackageId { get; set; }

    /// <summary>The package ID in lowercase, what the package filter compares.</summary>
    public string? NormalizedPackageId { get; set; }

    public string? PackageVersion { get; set; }

    public string? Target { get; set; }

    /// <summary>The event's details as a JSON object; null for none.</summary>
    public string? DetailsJson { get; set; }

    /// <summary>The request's client address (after any forwarded-headers processing the host configured); null outside a request.</summary>
    public string? ClientAddress { get; set; }
}
