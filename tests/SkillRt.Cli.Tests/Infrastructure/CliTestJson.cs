using System.Text.Json.Serialization;

namespace SkillRt.Cli.Tests;

/// <summary>Source-generated JSON for strings the tests embed in files.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CliTestJson : JsonSerializerContext;
