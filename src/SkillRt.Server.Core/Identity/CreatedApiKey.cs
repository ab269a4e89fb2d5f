namespace SkillRt.Server.Identity;

/// <summary>A new key: what is stored about it, and the secret, which is shown this once and never again.</summary>
internal sealed record CreatedApiKey(ApiKeyView Key, string Secret);
