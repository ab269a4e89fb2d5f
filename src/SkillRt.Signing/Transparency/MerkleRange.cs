using System;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// The leaves <c>[Start, End)</c>; its hash is RFC 9162's MTH(D[Start:End]). Every hash in an inclusion
/// or consistency proof is the hash of such a range.
/// </summary>
/// <param name="Start">The first leaf.</param>
/// <param name="End">The leaf just past the last one.</param>
public readonly record struct MerkleRange(long Start, long End)
{
    /// <summary>How many leaves the range covers.</summary>
    public long Size => End - Start;

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"[{Start}, {End})");
}
