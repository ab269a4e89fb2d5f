using System.Collections.Generic;

namespace SkillRt.Registry.Publishing;

/// <summary>What <see cref="IRegistryPackageKind.Check"/> found: the problems, and words for search when the package is valid.</summary>
/// <param name="Problems">Every problem, errors and warnings, in file order.</param>
/// <param name="SearchText">Extra words registry search should find the package by (titles, summaries); null for none.</param>
public sealed record RegistryPackageCheck(IReadOnlyList<RegistryPackageProblem> Problems, string? SearchText = null);
