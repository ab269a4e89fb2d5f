using System.Text.Json.Nodes;

namespace SkillRt.Evaluation;

/// <summary>One node a JSONPath selected, and where: its normalized path, such as <c>$['findings'][0]</c>.</summary>
/// <param name="Node">The node; <see langword="null"/> for a JSON null.</param>
/// <param name="Location">The normalized path (RFC 9535 section 2.7), for messages.</param>
internal readonly record struct JsonPathMatch(JsonNode? Node, string Location);
