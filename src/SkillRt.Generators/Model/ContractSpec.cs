using System.Collections.Immutable;

namespace SkillRt.Generators;

/// <summary>
/// A skill's typed interface: the input record, the output type, and every record and enum they
/// use. <see cref="Records"/> starts with the input record; <see cref="Unions"/> are the abstract
/// records of <c>oneOf</c>/<c>anyOf</c>s, whose branches are among the records.
/// </summary>
internal sealed record ContractSpec(
    RecordSpec Input,
    OutputKind OutputKind,
    TypeRef Output,
    EquatableArray<RecordSpec> Records,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<UnionSpec> Unions = default)
{
    public EquatableArray<string> TypeNames(string className)
    {
        var names = ImmutableArray.CreateBuilder<string>(1 + Records.Count + Enums.Count + Unions.Count);
        names.Add(className);
        foreach (var record in Records)
        {
            names.Add(record.Name);
        }

        foreach (var enumSpec in Enums)
        {
            names.Add(enumSpec.Name);
        }

        foreach (var union in Unions)
        {
            names.Add(union.Name);
        }

        return new EquatableArray<string>(names.ToImmutable());
    }
}
