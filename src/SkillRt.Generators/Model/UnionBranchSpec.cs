namespace SkillRt.Generators;

/// <summary>
/// One branch of a <see cref="UnionSpec"/>: its record, the discriminator's value that selects it
/// (when the union has a discriminator), and the properties it requires.
/// </summary>
internal sealed record UnionBranchSpec(string RecordName, string? Tag, EquatableArray<string> Required);
