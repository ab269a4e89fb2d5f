using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>A worked example: an input that is valid against the operation's input schema and its output.</summary>
/// <param name="Title">What the example shows.</param>
/// <param name="Input">The input, shaped as the input schema says.</param>
/// <param name="Output">The output it gives.</param>
public sealed record AgentDocExample(string? Title, JsonNode? Input, JsonNode? Output);
