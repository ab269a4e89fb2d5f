using System.Collections.Generic;

namespace SkillRt.Memory.Querying;

/// <summary>A validated query: its SQL conditions on <c>m</c> (the memories table), their parameters and its fingerprint.</summary>
internal sealed class CompiledQuery
{
    public required string Where { get; init; }

    public required IReadOnlyList<KeyValuePair<string, object>> Parameters { get; init; }

    /// <summary>A hash of the criteria (not the page size or budget): a cursor only continues the query that made it.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The FTS5 query for <see cref="MemoryQuery.Text"/>: every word, each quoted (so no word is read as FTS syntax).</summary>
    public string? FullText { get; init; }

    public string? SimilarTo { get; init; }

    public double? MinSimilarity { get; init; }

    public required int PageSize { get; init; }

    public int? TokenBudget { get; init; }

    public bool Ranked => FullText is not null || SimilarTo is not null;
}
