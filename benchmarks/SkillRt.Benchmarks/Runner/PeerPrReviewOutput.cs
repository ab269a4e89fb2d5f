using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SkillRt.Benchmarks.Runner;

// Hand-written mirrors of the pr-review output schema (examples/pr-review/SKILL.md) for the peer frameworks,
// which have no generator: what a user of Semantic Kernel or the Agent Framework would write by hand.
// Optional schema properties get default values so a JSON schema built from these types leaves them optional.

/// <summary>The <c>pr-review</c> output, as the peers see it.</summary>
/// <param name="Summary">Two or three sentences on the change as a whole.</param>
/// <param name="Verdict"><c>approve</c>, <c>comment</c> or <c>request-changes</c>.</param>
/// <param name="Findings">The findings, most severe first.</param>
public sealed record PeerPrReviewOutput(
    [property: JsonPropertyName("summary"), Description("Two or three sentences on the change as a whole.")]
    string Summary,
    [property: JsonPropertyName("verdict"), Description("One of: approve, comment, request-changes.")]
    string Verdict,
    [property: JsonPropertyName("findings")]
    IReadOnlyList<PeerPrReviewFinding> Findings);

/// <summary>One finding of the <c>pr-review</c> output.</summary>
/// <param name="File">Path of the file, relative to the repository root.</param>
/// <param name="Severity"><c>info</c>, <c>minor</c>, <c>major</c> or <c>critical</c>.</param>
/// <param name="Message">What is wrong and why it matters.</param>
/// <param name="Line">The line, when known (1 or more).</param>
/// <param name="Suggestion">Replacement code, when the fix is obvious.</param>
public sealed record PeerPrReviewFinding(
    [property: JsonPropertyName("file"), Description("Path of the file, relative to the repository root.")]
    string File,
    [property: JsonPropertyName("severity"), Description("One of: info, minor, major, critical.")]
    string Severity,
    [property: JsonPropertyName("message")]
    string Message,
    [property: JsonPropertyName("line")]
    int? Line = null,
    [property: JsonPropertyName("suggestion"), Description("Replacement code, when the fix is obvious.")]
    string? Suggestion = null);

/// <summary>The <c>pr-review</c> inputs, as the Agent Framework peer sends them (the user message).</summary>
/// <param name="PrUrl">The pull request to review.</param>
/// <param name="Focus">Which aspect to concentrate on.</param>
/// <param name="MaxFindings">The most findings to report.</param>
/// <param name="IncludeNits">Whether to include nits.</param>
public sealed record PeerPrReviewInput(
    [property: JsonPropertyName("pr_url")] string PrUrl,
    [property: JsonPropertyName("focus")] string Focus,
    [property: JsonPropertyName("max_findings")] int MaxFindings,
    [property: JsonPropertyName("include_nits")] bool IncludeNits);

/// <summary>
/// Source-generated JSON metadata for the peer records, the fastest System.Text.Json setup a hand-written peer
/// could have; both peers use it.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PeerPrReviewOutput))]
[JsonSerializable(typeof(PeerPrReviewInput))]
internal sealed partial class PeerJsonContext : JsonSerializerContext;
