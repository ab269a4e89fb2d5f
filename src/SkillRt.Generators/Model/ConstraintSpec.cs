namespace SkillRt.Generators;

/// <summary>
/// The JSON Schema assertions checked when a value is read; null means unconstrained. <see cref="And"/>
/// chains a second set that must hold too, as for keywords next to a <c>$ref</c>.
/// <see cref="SchemaPointer"/> names a part of the schema document <see cref="SchemaDocument"/> that
/// the value is checked against with the runtime's JSON Schema validator, for what its C# type does
/// not express exactly; <see cref="SchemaCheckIfClean"/> runs that check only when the typed reading
/// found nothing wrong, where the typed reader already says most of it.
/// </summary>
internal sealed record ConstraintSpec(
    long? MinLength = null,
    long? MaxLength = null,
    string? Pattern = null,
    double? Minimum = null,
    double? Maximum = null,
    double? ExclusiveMinimum = null,
    double? ExclusiveMaximum = null,
    double? MultipleOf = null,
    long? MinItems = null,
    long? MaxItems = null,
    bool UniqueItems = false,
    long? MinProperties = null,
    long? MaxProperties = null,
    EquatableArray<string> AllowedJson = default,
    ConstraintSpec? And = null,
    string? SchemaDocument = null,
    string? SchemaPointer = null,
    bool SchemaCheckIfClean = false)
{
    public bool HasLength => MinLength is not null || MaxLength is not null;

    public bool HasRange => Minimum is not null || Maximum is not null || ExclusiveMinimum is not null || ExclusiveMaximum is not null || MultipleOf is not null;

    public bool HasItemCount => MinItems is not null || MaxItems is not null;

    public bool HasPropertyCount => MinProperties is not null || MaxProperties is not null;
}
