namespace SkillRt.Generators;

/// <summary>A generated skill class as the catalogue lists it.</summary>
internal sealed record CatalogEntry(string FilePath, string QualifiedClassName, bool HasContract);
