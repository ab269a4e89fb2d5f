namespace SkillRt.Generators;

/// <summary>
/// A generated record for a JSON object: its properties, whether other properties are rejected
/// (<c>additionalProperties: false</c>), and the type of other properties when they are kept.
/// <see cref="Base"/> names the union it is a branch of, if any. With <see cref="ExtraPattern"/>
/// (<c>patternProperties</c>), only other properties whose names match it are kept, typed by
/// <see cref="AdditionalProperties"/>; the rest are rejected when the record is closed.
/// </summary>
internal sealed record RecordSpec(
    string Name,
    string? Description,
    EquatableArray<PropertySpec> Properties,
    bool IsClosed,
    TypeRef? AdditionalProperties,
    string? AdditionalPropertiesName,
    bool IsInput = false,
    string? Base = null,
    string? ExtraPattern = null);
