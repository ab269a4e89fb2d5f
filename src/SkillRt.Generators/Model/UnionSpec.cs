namespace SkillRt.Generators;

/// <summary>
/// A <c>oneOf</c>/<c>anyOf</c> of objects, generated as an abstract record with one sealed derived
/// record per branch. The reader picks the branch by <see cref="Discriminator"/>, the property whose
/// constant differs in each branch, or, without one, by the required properties each branch has;
/// <see cref="ExactlyOne"/> (<c>oneOf</c>) rejects a value that more than one branch accepts.
/// </summary>
internal sealed record UnionSpec(string Name, string? Description, EquatableArray<UnionBranchSpec> Branches, string? Discriminator, bool ExactlyOne);
