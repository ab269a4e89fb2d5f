using System.Collections.Generic;

namespace SkillRt.Registry.Moderation;

/// <summary>What a report may say is wrong; the API refuses other categories, naming these.</summary>
internal static class AbuseCategories
{
    public static readonly IReadOnlyList<string> All =
    [
        "malware",
        "prompt-injection",
        "secrets",
        "typosquatting",
        "impersonation",
        "spam",
        "license",
        "other",
    ];
}
