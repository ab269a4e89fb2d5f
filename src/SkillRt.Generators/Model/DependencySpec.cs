namespace SkillRt.Generators;

/// <summary>A <c>name@range</c> skill dependency; <see cref="Range"/> is null for any version.</summary>
internal sealed record DependencySpec(string Name, string? Range);
