namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// The hash of one perfect subtree of the log (<c>registry_log_nodes</c>): level 0 holds the leaf
/// hashes, level l the hash of the 2^l leaves from <c>Index · 2^l</c>. Written once, when the last of its
/// leaves is appended (about two rows per leaf); every root and proof is assembled from O(log n) of them.
/// </summary>
internal sealed class LogNodeRecord
{
    private const int IndexBits = 48;

    /// <summary><c>Level · 2^48 + Index</c>: one key column, so a proof's nodes come back in one indexed query.</summary>
    public long Id { get; set; }

    /// <summary>The subtree's height.</summary>
    public int Level { get; set; }

    /// <summary>The subtree's position on its level.</summary>
    public long Index { get; set; }

    /// <summary>The 32-byte hash.</summary>
    public byte[] Hash { get; set; } = [];

    /// <summary>The key of the subtree at <paramref name="level"/> and <paramref name="index"/>.</summary>
    public static long IdOf(int level, long index) => ((long)level << IndexBits) | index;
}
