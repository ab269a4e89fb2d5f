using SkillRt.Signing.Minisign;

namespace SkillRt.Cli.Install;

/// <summary>One key of an owner's key list as the registry serves it.</summary>
/// <param name="PublicKey">The minisign public key.</param>
/// <param name="RevokedAt">When the owner revoked it (<c>yyyy-MM-dd HH:mm UTC</c>), or null while it is active.</param>
internal sealed record RegisteredSigningKey(MinisignPublicKey PublicKey, string? RevokedAt);
