namespace SkillRt.Signing.Minisign;

/// <summary>The two signature algorithms a minisign signature file can name.</summary>
public enum MinisignSignatureAlgorithm
{
    /// <summary>
    /// <c>ED</c>: Ed25519 over the BLAKE2b-512 hash of the file. What minisign 0.8 and later write, and
    /// the only algorithm this library signs with (the file is read once, never held in memory).
    /// </summary>
    Hashed,

    /// <summary><c>Ed</c>: Ed25519 over the whole file (minisign <c>-l</c>). Verified, never written.</summary>
    Legacy,
}
