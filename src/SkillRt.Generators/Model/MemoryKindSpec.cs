namespace SkillRt.Generators;

/// <summary>A <c>memory.kinds</c> entry: its name, description and schema as JSON text.</summary>
internal sealed record MemoryKindSpec(string Name, string? Description, string SchemaJson);
