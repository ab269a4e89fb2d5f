namespace SkillRt.Registry.Signing;

/// <summary>The bounds of what owners may store about signing.</summary>
internal static class SigningLimits
{
    /// <summary>A minisign signature is about 350 characters; its trusted comment may make it longer, never this long.</summary>
    public const int MaxSignatureChars = 16 * 1024;

    /// <summary>Keys an owner may have registered, revoked ones included (rows are never deleted).</summary>
    public const int MaxKeysPerOwner = 50;

    public const int MaxKeyNameLength = 100;

    /// <summary>The JSON body of a key registration: the public key file and a name.</summary>
    public const int MaxRequestBytes = 4 * 1024;
}
