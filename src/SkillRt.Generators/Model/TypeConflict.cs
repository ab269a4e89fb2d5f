namespace SkillRt.Generators;

/// <summary>A generated type name that two skills would both define; the skill at <see cref="FilePath"/> yields.</summary>
internal sealed record TypeConflict(string FilePath, string TypeName, string OwnerPath);
