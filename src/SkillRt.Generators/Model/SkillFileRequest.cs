using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// One <c>SkillFile</c> item and the settings that apply to it: its metadata and the project's root
/// namespace and folder. The file is compared by reference, as Roslyn hands out the same instance
/// until the file changes. <see cref="Package"/> and <see cref="PackagePath"/> are set for skills
/// that come from a NuGet package (its buildTransitive targets add them): the package ID, and the
/// SKILL.md's path inside the package. <see cref="ErrorsOnly"/> is <c>$(SkillErrorsOnly)</c>.
/// </summary>
internal sealed record SkillFileRequest(
    AdditionalText File,
    string DefaultNamespace,
    string? Namespace,
    string? ClassName,
    string? Visibility,
    string? ProjectDirectory,
    string? Package = null,
    string? PackagePath = null,
    bool ErrorsOnly = false);
