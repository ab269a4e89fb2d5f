using System;
using System.Text.Json.Nodes;

namespace SkillRt.Registry.Audit;

/// <summary>One change to record with <see cref="IRegistryAudit"/>.</summary>
/// <param name="Action">What was done, <c>area.verb</c> in lowercase: one of <see cref="RegistryAuditActions"/>, <see cref="Namespaces.NamespaceAuditActions"/>, <see cref="Ownership.OwnershipAuditActions"/>, or a module's own.</param>
public sealed record RegistryAuditEvent(string Action)
{
    /// <summary>The package ID the change is about, as the registry spells it; null when it is about something else.</summary>
    public string? PackageId { get; init; }

    /// <summary>The package version, normalized; null for a change to the whole package or to something else.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>What else the change is about (<c>namespace:Contoso.</c>, <c>owner:bob</c>, <c>account:alice</c>), at most 256 characters; null when the package and version say it all.</summary>
    public string? Target { get; init; }

    /// <summary>The change's particulars (the deprecation set, the reason given, the old and new values); null for none. At most 16 KiB as JSON.</summary>
    public JsonObject? Details { get; init; }

    /// <summary>The account that made the change, when it is not the caller of the current request; null for the caller.</summary>
    public Guid? ActorAccountId { get; init; }

    /// <summary>The name of <see cref="ActorAccountId"/>'s account.</summary>
    public string? ActorName { get; init; }
}
