using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// One <c>SkillFile</c> item and the settings that apply to it: its metadata and the project's root
/// namespace and folder. The file is compared by reference, as Roslyn hands out the same instance
/// until the file changes.
/// </summary>
internal sealed record SkillFileRequest(
    AdditionalText File,
    string DefaultNamespace,
    string? Namespace,
    string? ClassName,
    string? Visibility,
    string? ProjectDirectory);
