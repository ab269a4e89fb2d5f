namespace SkillRt.Registry.Namespaces;

/// <summary>
/// The audit log's actions for reserved prefixes. Each entry's <c>target</c> is <c>namespace:</c>
/// followed by the prefix as reserved (<c>namespace:Contoso.</c>); its actor is the account that made the change.
/// </summary>
public static class NamespaceAuditActions
{
    /// <summary>
    /// A prefix was reserved: by an administrator (details: <c>owner</c>, <c>verified</c> false), or by a
    /// domain check for a prefix nobody had reserved (details: <c>owner</c>, <c>verified</c> true, <c>domain</c>, <c>verificationId</c>).
    /// </summary>
    public const string Reserve = "namespace.reserve";

    /// <summary>A reservation was removed (details: <c>owner</c>, <c>verified</c>, <c>domain</c> when it was verified). Packages under it keep their owners.</summary>
    public const string Release = "namespace.release";

    /// <summary>
    /// A domain verification was started and a new token issued (details: <c>owner</c>, <c>domain</c>,
    /// <c>verificationId</c>, <c>expiresAt</c>). Asking again for a token still valid changes nothing and is not recorded.
    /// </summary>
    public const string VerificationStart = "namespace.verify-start";

    /// <summary>
    /// A domain check made the owner's existing reservation verified (details: <c>owner</c>, <c>domain</c>,
    /// <c>verificationId</c>). A check that fails changes nothing and is not recorded; one that creates the
    /// reservation is <see cref="Reserve"/>.
    /// </summary>
    public const string Verify = "namespace.verify";
}
