using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Memory.Writing;

/// <summary>A write that passed every check, with its derived text form, sorted tags and content hash.</summary>
internal sealed class ValidatedWrite
{
    public required string Namespace { get; init; }

    public required string Kind { get; init; }

    public string? Key { get; init; }

    public string? Id { get; init; }

    public required JsonElement Value { get; init; }

    /// <summary>The value as compact JSON (member order kept).</summary>
    public required string ValueJson { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required string ContentHash { get; init; }

    public required MemoryProvenance Provenance { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public long? ExpectedVersion { get; init; }

    public required DuplicatePolicy Policy { get; init; }
}
