namespace SkillRt.Generators;

/// <summary>
/// A property of a generated record: its JSON name, its C# name, its type, and for inputs the
/// default when one is declared, as JSON and, for scalars, as the text written. A <c>json</c> input's
/// default (<see cref="DefaultIsJson"/>) is read at run time by the generated reader of its type.
/// </summary>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRef Type,
    bool Required,
    string? Description,
    string? DefaultJson = null,
    string? DefaultText = null,
    bool DefaultIsJson = false);
