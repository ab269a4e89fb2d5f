using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>One page of <see cref="ISkillMemory.FindAsync"/> results.</summary>
public sealed class MemoryPage
{
    /// <summary>The hits, best first: by relevance for text and semantic queries, newest first otherwise.</summary>
    public required IReadOnlyList<MemoryHit> Hits { get; init; }

    /// <summary>Pass it as <see cref="MemoryQuery.Cursor"/> for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }

    /// <summary>The estimated tokens of the hits returned.</summary>
    public required int EstimatedTokens { get; init; }

    /// <summary>
    /// Whether the token budget cut the page short. When it is true and <see cref="Hits"/> is empty,
    /// the next hit alone is larger than the budget (<see cref="NextHitTokens"/>).
    /// </summary>
    public required bool TruncatedByBudget { get; init; }

    /// <summary>When the budget cut the page short: the estimated tokens of the first hit left out.</summary>
    public int? NextHitTokens { get; init; }
}
