namespace SkillRt.Cli.Install;

/// <summary>The outcome of <see cref="AuthorSignatureCheck.CheckAsync"/>.</summary>
/// <param name="Status">What the check found.</param>
/// <param name="KeyId">The key ID the signature names; null when the signature could not be read.</param>
/// <param name="Detail">The particulars for a message: the parse error, the revocation time or the verification failure; null when verified.</param>
internal sealed record AuthorSignatureResult(AuthorSignatureStatus Status, string? KeyId, string? Detail);
