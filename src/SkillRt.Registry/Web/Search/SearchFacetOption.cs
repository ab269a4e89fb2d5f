namespace SkillRt.Registry.Web.Search;

/// <summary>One value of a facet: its words, the matching packages, whether it is on, and the link that toggles it.</summary>
internal sealed record SearchFacetOption(string Value, string Label, int Count, bool Active, string Url);
