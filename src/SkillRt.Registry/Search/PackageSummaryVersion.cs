namespace SkillRt.Registry.Search;

/// <summary>One listed version of a search result, with its downloads.</summary>
internal sealed record PackageSummaryVersion(string Version, string NormalizedVersion, long Downloads);
