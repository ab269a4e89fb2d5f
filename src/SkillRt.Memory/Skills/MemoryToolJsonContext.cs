using System.Text.Json.Serialization;

namespace SkillRt.Memory;

/// <summary>Source-generated JSON for the memory tools' arguments (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class MemoryToolJsonContext : JsonSerializerContext;
