namespace SkillRt.Generators;

/// <summary>A filesystem permission: a glob and whether it is read-only.</summary>
internal sealed record FileRuleSpec(string Pattern, bool ReadOnly);
