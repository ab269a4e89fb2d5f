using SkillRt.Signing.Transparency;

namespace SkillRt.Cli.Commands;

/// <summary>The <c>author-signature</c> check of <c>skillrt verify</c>, and what its <c>--json</c> <c>authorSignature</c> field says.</summary>
/// <param name="Check">The check as printed: passed, failed (tampering), skipped (unsigned, or a registry without signatures) or unavailable.</param>
/// <param name="State"><c>verified</c>, <c>unsigned</c>, <c>failed</c>, <c>unavailable</c> or <c>unsupported</c> (the registry serves no signatures).</param>
/// <param name="KeyId">The key ID the signature names, when there is a readable signature.</param>
/// <param name="Owner">The package's owner, as the registry's key list names it, when it was read.</param>
internal sealed record AuthorSignatureVerification(LogCheck Check, string State, string? KeyId, string? Owner)
{
    /// <summary>The name of the check in the output.</summary>
    public const string CheckName = "author-signature";
}
