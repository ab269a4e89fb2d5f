using System.Text.Json.Serialization;

namespace SkillRt.TestMcpServer;

/// <summary>What <c>add</c> returns, as structured content.</summary>
/// <param name="Sum">The sum.</param>
public sealed record AddResult([property: JsonPropertyName("sum")] double Sum);
