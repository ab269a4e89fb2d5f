namespace SkillRt.Registry.Search;

/// <summary>One <c>name:value</c> filter of a query; <see cref="Value"/> is lowercase.</summary>
internal sealed record SearchFilter(SearchFilterKind Kind, string Value);
