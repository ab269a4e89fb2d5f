using System.Text.Json.Serialization;

namespace SkillRt.Handoff.Tests.Delegation;

public sealed record ArticleInput(string Text);

public sealed record SummaryOutput(string Title, int Words);

/// <summary>The test's own source-generated contracts, as an AOT application would have.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ArticleInput))]
[JsonSerializable(typeof(SummaryOutput))]
internal sealed partial class TestJson : JsonSerializerContext;
