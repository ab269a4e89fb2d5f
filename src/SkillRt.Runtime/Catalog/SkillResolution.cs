namespace SkillRt;

/// <summary>What a catalogue found for one dependency.</summary>
/// <param name="Skill">The skill chosen; <see langword="null"/> when none or several fit.</param>
/// <param name="VersionsWithName">How many skills of that name the catalogue holds, in range or not.</param>
/// <param name="Ambiguous">Whether two different skills share the highest name and version in range.</param>
internal readonly record struct SkillResolution(SkillCollectionEntry? Skill, int VersionsWithName, bool Ambiguous);
