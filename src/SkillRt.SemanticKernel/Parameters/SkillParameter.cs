using System.Text.Json.Nodes;

namespace SkillRt.SemanticKernel.Parameters;

/// <summary>One input of a skill as a Semantic Kernel parameter.</summary>
/// <param name="Name">The input's name, as the skill declares it.</param>
/// <param name="Schema">Its JSON Schema, self-contained (references into the input schema inlined).</param>
/// <param name="IsRequired">Whether the skill requires it.</param>
/// <param name="Kind">How to read back an argument Semantic Kernel turned into text.</param>
internal sealed record SkillParameter(string Name, JsonObject Schema, bool IsRequired, SkillParameterKind Kind);
