using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SkillRt.Handoff.Serialization;

namespace SkillRt.Handoff;

/// <summary>
/// The wire format of handoffs: source-generated, reflection-free JSON for the envelope and the
/// result, exactly as spec/handoff-envelope.schema.json and spec/handoff-result.schema.json describe.
/// </summary>
/// <example>
/// <code>
/// string json = JsonSerializer.Serialize(result, HandoffJson.Result);
/// HandoffEnvelope? envelope = JsonSerializer.Deserialize(text, HandoffJson.Envelope);
/// </code>
/// </example>
public static class HandoffJson
{
    /// <summary>The envelope's JSON contract.</summary>
    public static JsonTypeInfo<HandoffEnvelope> Envelope => HandoffJsonContext.Default.HandoffEnvelope;

    /// <summary>The result's JSON contract.</summary>
    public static JsonTypeInfo<HandoffResult> Result => HandoffJsonContext.Default.HandoffResult;

    /// <summary>The options the contracts use: camelCase names, nulls left out.</summary>
    public static JsonSerializerOptions Options => HandoffJsonContext.Default.Options;
}
