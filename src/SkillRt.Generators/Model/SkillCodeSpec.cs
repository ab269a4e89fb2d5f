namespace SkillRt.Generators;

/// <summary>
/// The code for one valid skill: where it goes, its descriptor and, for skills with a typed
/// interface, its contract. Prose skills and plain Agent Skills files have no contract.
/// </summary>
internal sealed record SkillCodeSpec(
    string Namespace,
    string ClassName,
    bool IsPublic,
    DiagnosticLocation NameLocation,
    DescriptorSpec Descriptor,
    ContractSpec? Contract)
{
    /// <summary>Every type the skill generates, by simple name, to find clashes between skills.</summary>
    public EquatableArray<string> TypeNames => Contract is null
        ? new EquatableArray<string>(System.Collections.Immutable.ImmutableArray.Create(ClassName))
        : Contract.TypeNames(ClassName);
}
