using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Handoff.Serialization;

/// <summary>The source-generated (reflection-free, AOT-safe) JSON of the envelope and the result.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoffEnvelope))]
[JsonSerializable(typeof(HandoffResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Collections.Generic.Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(System.Collections.Generic.IReadOnlyList<string>))]
[JsonSerializable(typeof(Delegation.GraderVerdict))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;
