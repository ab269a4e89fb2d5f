namespace SkillRt.Server.Identity;

/// <summary>
/// The scopes of the identity model itself. Modules add their own (the registry's
/// <c>registry:publish</c>, for example) with <c>AddApiKeyScope</c> on the server builder; a key can
/// only be given scopes some module registered. Reading public content needs no key at all.
/// </summary>
public static class ApiKeyScopes
{
    /// <summary>Create, list and revoke the account's own API keys.</summary>
    public const string KeysManage = "keys:manage";

    /// <summary>Manage accounts and organisations (administrators only); implies every other scope.</summary>
    public const string Admin = "admin";
}
