namespace SkillRt.Signing.Minisign;

/// <summary>The outcome of checking a minisign signature.</summary>
public sealed class MinisignVerificationResult
{
    private MinisignVerificationResult(MinisignVerificationFailure failure, string message, MinisignKeyId keyId, string? trustedComment)
    {
        Failure = failure;
        Message = message;
        KeyId = keyId;
        TrustedComment = trustedComment;
    }

    /// <summary>True when the signature, and the trusted comment with it, verified.</summary>
    public bool IsValid => Failure == MinisignVerificationFailure.None;

    /// <summary>Why it did not verify; <see cref="MinisignVerificationFailure.None"/> when it did.</summary>
    public MinisignVerificationFailure Failure { get; }

    /// <summary>A sentence for people: what verified, or what did not and what that means.</summary>
    public string Message { get; }

    /// <summary>The key that verified it (default when it did not).</summary>
    public MinisignKeyId KeyId { get; }

    /// <summary>The trusted comment, now known to be the signer's; null when the signature did not verify.</summary>
    public string? TrustedComment { get; }

    internal static MinisignVerificationResult Verified(MinisignKeyId keyId, string trustedComment) =>
        new(MinisignVerificationFailure.None, $"Signature and trusted comment verified with key {keyId}.", keyId, trustedComment);

    internal static MinisignVerificationResult Failed(MinisignVerificationFailure failure, string message) =>
        new(failure, message, default, null);
}
