namespace SkillRt.Cli.Install;

/// <summary>What checking a package's author signature against its owner's keys found.</summary>
internal enum AuthorSignatureStatus
{
    /// <summary>The signature verifies over the package's bytes with an active key of the owner.</summary>
    Verified,

    /// <summary>The signature file is not a minisign signature.</summary>
    Damaged,

    /// <summary>The signature names a key the owner never registered.</summary>
    UnregisteredKey,

    /// <summary>The signature names a key the owner revoked.</summary>
    RevokedKey,

    /// <summary>The package's bytes do not match the signature.</summary>
    Mismatch,
}
