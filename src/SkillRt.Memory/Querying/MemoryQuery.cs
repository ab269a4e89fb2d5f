using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>What <see cref="ISkillMemory.FindAsync"/> looks for: every criterion given must hold.</summary>
public sealed class MemoryQuery
{
    /// <summary>
    /// The namespaces to search (at least one): <c>acme/payments</c> is that namespace only;
    /// <c>acme/*</c> is every namespace below <c>acme</c> (not <c>acme</c> itself).
    /// </summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>Only memories of one of these kinds; any kind when empty.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>Only the memory with this key.</summary>
    public string? Key { get; init; }

    /// <summary>Only memories carrying every one of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Conditions on the value, all of which must hold.</summary>
    public IReadOnlyList<MemoryFilter>? Filters { get; init; }

    /// <summary>Full text: memories whose text form contains every word of this text; ranked by relevance.</summary>
    public string? Text { get; init; }

    /// <summary>Semantic search: memories ranked by the similarity of their text form to this text.</summary>
    public string? SimilarTo { get; init; }

    /// <summary>With <see cref="SimilarTo"/>: leave out memories less similar than this (0 to 1).</summary>
    public double? MinSimilarity { get; init; }

    /// <summary>Only memories whose chosen time falls in this range.</summary>
    public MemoryTimeRange? TimeRange { get; init; }

    /// <summary>Also find archived memories.</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>At most this many hits per page; <see cref="SkillMemoryOptions.DefaultPageSize"/> when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>The <see cref="MemoryPage.NextCursor"/> of the previous page, with the same criteria.</summary>
    public string? Cursor { get; init; }

    /// <summary>
    /// An approximate token budget for the page: hits are returned while their estimated size fits
    /// (about 4 characters a token); the cursor continues with the first hit left out.
    /// </summary>
    public int? TokenBudget { get; init; }
}
