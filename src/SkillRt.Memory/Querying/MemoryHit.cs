namespace SkillRt.Memory;

/// <summary>A memory found, with its score.</summary>
public sealed class MemoryHit
{
    /// <summary>The memory.</summary>
    public required MemoryRecord Memory { get; init; }

    /// <summary>
    /// How well it matches: for text queries the BM25 relevance, for semantic queries the similarity
    /// (0 to 1), each weighted by freshness (spec: "Ranking"); null when the query ranks by time only.
    /// </summary>
    public double? Score { get; init; }

    /// <summary>For semantic queries, the raw similarity before weighting.</summary>
    public double? Similarity { get; init; }

    /// <summary>The estimated tokens this hit costs an agent.</summary>
    public required int EstimatedTokens { get; init; }
}
