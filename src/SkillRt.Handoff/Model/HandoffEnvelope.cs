using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Handoff;

/// <summary>
/// A task handed from a parent model to a child model: what to do, with what input, what a good
/// answer looks like, and what it may spend (spec/HANDOFF-SPEC.md section 3).
/// </summary>
/// <remarks>
/// The record is the wire format: <see cref="HandoffJson.Envelope"/> reads and writes it as the
/// schema spec/handoff-envelope.schema.json describes. Check one from outside with
/// <see cref="HandoffEnvelopeValidator"/> before delegating it.
/// </remarks>
public sealed record HandoffEnvelope
{
    /// <summary>The protocol version this library writes and reads.</summary>
    public const string CurrentVersion = "1.0";

    /// <summary>The protocol version; <see cref="CurrentVersion"/>.</summary>
    [JsonPropertyName("handoff")]
    public string Version { get; init; } = CurrentVersion;

    /// <summary>The parent's id for this task, echoed in the result.</summary>
    public required string TaskId { get; init; }

    /// <summary>The parent's W3C trace context, so the child's spans join the parent's trace.</summary>
    public HandoffTraceContext? TraceContext { get; init; }

    /// <summary>What the child should do, in words.</summary>
    public required string Goal { get; init; }

    /// <summary>The task's input; it must satisfy <see cref="InputSchema"/> when one is given.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The input's JSON Schema; any JSON when absent.</summary>
    public JsonElement? InputSchema { get; init; }

    /// <summary>The output's JSON Schema: the one criterion that always applies.</summary>
    public required JsonElement OutputSchema { get; init; }

    /// <summary>What "done" means besides <see cref="OutputSchema"/>.</summary>
    public HandoffCriteria? Criteria { get; init; }

    /// <summary>The limits over the whole handoff, every attempt included.</summary>
    public required HandoffBudget Budget { get; init; }

    /// <summary>What of the parent's conversation and artifacts goes along; nothing when absent.</summary>
    public HandoffContext? Context { get; init; }

    /// <summary>The tools and permissions the child may use; none when absent.</summary>
    public HandoffGrants? Grants { get; init; }
}
