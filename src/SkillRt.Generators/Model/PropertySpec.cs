namespace SkillRt.Generators;

/// <summary>
/// A property of a generated record: its JSON name, its C# name, its type, and for inputs the
/// default when one is declared, as JSON and, for scalars, as the text written.
/// </summary>
internal sealed record PropertySpec(
    string JsonName,
    string Name,
    TypeRef Type,
    bool Required,
    string? Description,
    string? DefaultJson = null,
    string? DefaultText = null);
