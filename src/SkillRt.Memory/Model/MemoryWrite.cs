using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>A memory to write with <see cref="ISkillMemory.UpsertAsync"/>.</summary>
public sealed class MemoryWrite
{
    /// <summary>The namespace, e.g. <c>acme/payments</c> (1–8 segments of lowercase a-z, 0-9 and single hyphens).</summary>
    public required string Namespace { get; init; }

    /// <summary>A registered kind; the value must match its JSON Schema.</summary>
    public required string Kind { get; init; }

    /// <summary>The value.</summary>
    public required JsonElement Value { get; init; }

    /// <summary>
    /// A key (1–256 characters, no control characters): the memory with this key in the namespace is
    /// updated or superseded, never copied. Null for a keyless memory.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Write this memory (by id) rather than one found by key or content; it must exist in the namespace.</summary>
    public string? Id { get; init; }

    /// <summary>The text form; when null it is derived from the value (its strings, in document order).</summary>
    public string? Text { get; init; }

    /// <summary>Tags (at most <see cref="SkillMemoryOptions.MaxTags"/>; each 1–64 characters of lowercase a-z, 0-9, <c>-</c>, <c>_</c>, <c>.</c>, <c>:</c>).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Who writes it.</summary>
    public MemoryProvenance? Provenance { get; init; }

    /// <summary>From when the content holds; the time of the write when null.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>
    /// Optimistic concurrency: the version the writer last saw. The write fails with MEM0009 when the
    /// memory (found by <see cref="Id"/> or <see cref="Key"/>) is at another version; 0 means "must not exist yet".
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>What to do with near duplicates of this write; <see cref="SkillMemoryOptions.DuplicatePolicy"/> when null.</summary>
    public DuplicatePolicy? DuplicatePolicy { get; init; }
}
