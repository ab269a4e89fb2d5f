namespace SkillRt.Registry.Moderation;

/// <summary>Where the moderation endpoints live, relative to the registry's pattern.</summary>
internal static class ModerationRoutes
{
    /// <summary>A version's findings, for its authors: <c>GET</c>.</summary>
    public const string Findings = "api/v2/package/{id}/{version}/findings";

    /// <summary>An appeal against a version's quarantine: <c>POST {"text": …}</c>.</summary>
    public const string Appeal = "api/v2/package/{id}/{version}/appeal";

    /// <summary>An abuse report: <c>POST {"id", "version"?, "category", "text"}</c>.</summary>
    public const string Reports = "api/v2/reports";

    /// <summary>The administrators' group.</summary>
    public const string Admin = "api/v2/admin";
}
