namespace SkillRt.Registry.Signing;

/// <summary>A publish's signature that verified: the key that made it and the <c>.minisig</c> text.</summary>
internal sealed record AcceptedSignature(string KeyId, string Text);
