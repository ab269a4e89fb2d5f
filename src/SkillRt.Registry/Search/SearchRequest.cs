namespace SkillRt.Registry.Search;

/// <summary>One page of a search: the parsed query, the page, and whether prerelease versions count.</summary>
internal sealed record SearchRequest(SearchQuery Query, int Skip, int Take, bool Prerelease);
