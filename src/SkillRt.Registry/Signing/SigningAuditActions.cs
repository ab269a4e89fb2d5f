namespace SkillRt.Registry.Signing;

/// <summary>
/// The audit log's actions for owners' signing keys and policy. Each entry's <c>target</c> is
/// <c>owner:</c> followed by the owner whose keys or policy changed, its <c>packageId</c> is null, and
/// its actor is the member of the owner (or the administrator) who made the change.
/// </summary>
public static class SigningAuditActions
{
    /// <summary>A public key was registered for the owner (details: <c>keyId</c>, <c>name</c>, null when the key has none).</summary>
    public const string KeyRegister = "signing.key-register";

    /// <summary>An active key was revoked: signatures by it are no longer accepted (details: <c>keyId</c>, <c>name</c>). Revoking it again records nothing.</summary>
    public const string KeyRevoke = "signing.key-revoke";

    /// <summary>The owner's policy changed (details: <c>oldRequireSignatures</c>, <c>requireSignatures</c>). Setting the policy it has records nothing.</summary>
    public const string PolicyChange = "signing.policy-change";
}
