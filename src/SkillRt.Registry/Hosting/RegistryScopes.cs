namespace SkillRt.Registry.Hosting;

/// <summary>The API key scopes the registry registers.</summary>
public static class RegistryScopes
{
    /// <summary>Publish new packages, and new versions of packages the key's account owns.</summary>
    public const string Publish = "registry:publish";

    /// <summary>Unlist and relist versions of packages the key's account owns.</summary>
    public const string Unlist = "registry:unlist";

    /// <summary>Manage packages' owners (invite, accept, remove, transfer) and reserve or verify ID prefixes.</summary>
    public const string Owners = "registry:owners";
    /// <summary>Deprecate, yank and restore versions of packages the key's account owns.</summary>
    public const string Lifecycle = "registry:lifecycle";

    /// <summary>Delete versions of packages the key's account owns, within the deletion window.</summary>
    public const string Delete = "registry:delete";
}
