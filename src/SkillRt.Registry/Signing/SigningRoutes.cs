namespace SkillRt.Registry.Signing;

/// <summary>The signing API's routes, relative to the registry's pattern, and its key scope.</summary>
internal static class SigningRoutes
{
    /// <summary>The API key scope that registers and revokes keys and sets the policy.</summary>
    public const string Scope = "registry:signing-keys";

    /// <summary>GET (anyone) and POST (register): an owner's keys and policy.</summary>
    public const string OwnerKeys = "api/v2/owners/{owner}/signing-keys";

    /// <summary>DELETE revokes a key.</summary>
    public const string OwnerKey = "api/v2/owners/{owner}/signing-keys/{keyId}";

    /// <summary>PUT <c>{"requireSignatures": true|false}</c>.</summary>
    public const string OwnerPolicy = "api/v2/owners/{owner}/signing-policy";

    /// <summary>The base of the per-package resources, listed in the service index as <see cref="ResourceType"/>.</summary>
    public const string Packages = "api/v2/packages/";

    /// <summary>GET (anyone): the keys of the package's owner and its policy.</summary>
    public const string PackageKeys = Packages + "{id}/signing-keys";

    /// <summary>GET (anyone): whether a version is signed, by which key, and where its .minisig is.</summary>
    public const string VersionSignature = Packages + "{id}/{version}/signature";

    /// <summary>The service index type of <see cref="Packages"/>: clients append <c>{id}/signing-keys</c>.</summary>
    public const string ResourceType = "SkillRtSigning/1.0.0";
}
