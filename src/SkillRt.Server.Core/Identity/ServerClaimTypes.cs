namespace SkillRt.Server.Identity;

/// <summary>The claims an API key's principal carries beyond the account's ID and name.</summary>
public static class ServerClaimTypes
{
    /// <summary>One claim per scope of the key.</summary>
    public const string Scope = "skillrt:scope";
}
