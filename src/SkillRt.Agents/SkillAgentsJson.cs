using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Agents;

/// <summary>Source-generated JSON for what this package writes, so it needs no reflection (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SkillAgentsJson : JsonSerializerContext
{
}
