namespace SkillRt.Generators;

/// <summary>
/// A generated type name that two skills would both define; the skill at <see cref="FilePath"/>
/// yields to <see cref="Owner"/>, the quoted path of the other skill or the catalogue.
/// </summary>
internal sealed record TypeConflict(string FilePath, string TypeName, string Owner);
