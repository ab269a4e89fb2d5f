namespace SkillRt.Generators;

/// <summary>The types one skill would generate, to find clashes between skills; no namespace means nothing is generated.</summary>
internal sealed record TypeNameClaim(string FilePath, string? Namespace, EquatableArray<string> TypeNames);
