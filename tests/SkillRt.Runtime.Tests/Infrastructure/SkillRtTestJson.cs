using System.Text.Json.Serialization;

namespace SkillRt.Runtime.Tests.Infrastructure;

/// <summary>Source-generated JSON for the few values tests write themselves (reflection is off in this project).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SkillRtTestJson : JsonSerializerContext;
