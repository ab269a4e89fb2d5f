using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>A memory as stored: the current revision, or a past one in a history.</summary>
public sealed class MemoryRecord
{
    /// <summary>The memory's id; it stays the same across revisions.</summary>
    public required string Id { get; init; }

    /// <summary>The namespace, e.g. <c>acme/payments</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The kind, whose JSON Schema the value matches.</summary>
    public required string Kind { get; init; }

    /// <summary>The key, unique among the memories of the namespace; null for a keyless memory.</summary>
    public string? Key { get; init; }

    /// <summary>The value (a JSON value the kind's schema validates).</summary>
    public required JsonElement Value { get; init; }

    /// <summary>The text form: what full-text and semantic search read.</summary>
    public required string Text { get; init; }

    /// <summary>The tags, sorted.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Who wrote this revision.</summary>
    public required MemoryProvenance Provenance { get; init; }

    /// <summary>The version (the ETag): 1 when created, one more at every change.</summary>
    public required long Version { get; init; }

    /// <summary>Live, archived or (in a history) superseded.</summary>
    public required MemoryState State { get; init; }

    /// <summary>The normalised content hash (<c>sha256:</c> and hex) that finds exact duplicates.</summary>
    public required string ContentHash { get; init; }

    /// <summary>When the memory was first written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this revision was last written.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the memory was last read by a get or returned by a find; null when never.</summary>
    public DateTimeOffset? LastReadAt { get; init; }

    /// <summary>From when this revision holds.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>Until when this revision held: null for the current revision, set when superseded.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>When decay archived the memory; null when live.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }
}
