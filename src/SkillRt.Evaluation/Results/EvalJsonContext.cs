using System.Text.Json.Serialization;

namespace SkillRt.Evaluation;

/// <summary>Source-generated JSON for the few plain values the library serialises (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
