namespace SkillRt.Signing.Minisign;

/// <summary>Why a minisign signature did not verify.</summary>
public enum MinisignVerificationFailure
{
    /// <summary>It verified.</summary>
    None,

    /// <summary>The signature names a different key id than the public key it was checked with.</summary>
    KeyIdMismatch,

    /// <summary>The signature is not over these bytes: the file changed, or the signature is another file's.</summary>
    ContentMismatch,

    /// <summary>The global signature does not cover the trusted comment: the comment was edited.</summary>
    TrustedCommentMismatch,
}
