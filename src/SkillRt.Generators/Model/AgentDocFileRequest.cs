using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// One <c>AgentDoc</c> item and the project folder, to name it in messages by its path in the project.
/// The file is compared by reference, as Roslyn hands out the same instance until the file changes.
/// </summary>
internal sealed record AgentDocFileRequest(AdditionalText File, string? ProjectDirectory);
