using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>A shared JSON Schema (draft 2020-12), referred to as <c>#/schemas/</c><see cref="Name"/>.</summary>
/// <param name="Name">The schema's name.</param>
/// <param name="Schema">The schema itself.</param>
public sealed record AgentDocSchema(string Name, JsonNode Schema);
