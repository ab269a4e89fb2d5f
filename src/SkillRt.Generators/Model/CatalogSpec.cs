namespace SkillRt.Generators;

/// <summary>The project's <c>SkillCatalog</c>: its namespace and the skills it lists.</summary>
internal sealed record CatalogSpec(string Namespace, EquatableArray<CatalogEntry> Entries);
