namespace SkillRt.Generators;

/// <summary>
/// What the skills of a project would clash on: type names two skills would both define (the later
/// skill yields), and generated file names that differ only in case (the later file gets a suffix).
/// </summary>
internal sealed record SkillConflicts(EquatableArray<TypeConflict> Types, EquatableArray<string> SuffixedHints);
