using System.Text.Json.Serialization;

namespace SkillRt.Evaluation.Tests;

/// <summary>Source-generated JSON for test values (reflection-based JSON is off in this project).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class EvalTestJson : JsonSerializerContext;
