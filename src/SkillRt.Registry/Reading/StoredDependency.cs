namespace SkillRt.Registry.Reading;

/// <summary>One dependency of a <see cref="StoredDependencyGroup"/>.</summary>
internal sealed record StoredDependency(string Id, string Range);
