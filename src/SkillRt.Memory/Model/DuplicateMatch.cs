namespace SkillRt.Memory;

/// <summary>A live memory found to duplicate a write.</summary>
public sealed class DuplicateMatch
{
    /// <summary>The duplicate's id.</summary>
    public required string Id { get; init; }

    /// <summary>The duplicate's key, if it has one.</summary>
    public string? Key { get; init; }

    /// <summary>How similar it is, from 0 to 1 (1 for an exact duplicate).</summary>
    public required double Similarity { get; init; }

    /// <summary>How the similarity was measured.</summary>
    public required SimilarityMethod Method { get; init; }
}
