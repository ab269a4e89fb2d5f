using System;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// A perfect subtree of the log: the <c>2^Level</c> leaves starting at <c>Index · 2^Level</c>. Once the
/// log holds all its leaves, its hash never changes, which is what lets a log store these hashes once
/// and answer every proof from them (<see cref="MerkleRanges"/>).
/// </summary>
/// <param name="Level">The height: 0 for a single leaf.</param>
/// <param name="Index">The subtree's position among the subtrees of its level.</param>
public readonly record struct MerkleSubtree(int Level, long Index)
{
    /// <summary>The index of its first leaf.</summary>
    public long Start => Index << Level;

    /// <summary>How many leaves it covers.</summary>
    public long Size => 1L << Level;

    /// <summary>The index just past its last leaf.</summary>
    public long End => Start + Size;

    /// <summary>The subtree whose right child this is, or whose left child when <see cref="Index"/> is even.</summary>
    public MerkleSubtree Parent => new(Level + 1, Index >> 1);

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"[{Start}, {End}) at level {Level}");
}
