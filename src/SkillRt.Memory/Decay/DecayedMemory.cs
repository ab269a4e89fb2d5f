using System;

namespace SkillRt.Memory;

/// <summary>A memory archived (or to be archived) by decay.</summary>
public sealed class DecayedMemory
{
    /// <summary>Its id.</summary>
    public required string Id { get; init; }

    /// <summary>Its namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Its kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Its key, if any.</summary>
    public string? Key { get; init; }

    /// <summary>When it was last written or read.</summary>
    public required DateTimeOffset LastUsedAt { get; init; }

    /// <summary>Its freshness: 2^(−idle ÷ half-life), from 1 (just used) towards 0.</summary>
    public required double Freshness { get; init; }
}
