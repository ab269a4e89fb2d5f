using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>An error an operation reports, and what to do about it.</summary>
public sealed record AgentDocError
{
    /// <summary>The HTTP status (<c>404</c>), a range (<c>4XX</c>) or <c>default</c>; for a non-HTTP operation, the error code.</summary>
    public required string Status { get; init; }

    /// <summary>A machine-readable error code the body carries, when the API has one.</summary>
    public string? Code { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Meaning { get; init; }

    /// <summary>What the agent should do: fix the input, wait and retry, ask the user…</summary>
    public required string Remedy { get; init; }

    /// <summary>Whether the same call may succeed if retried later (rate limits, server errors).</summary>
    public bool? Retryable { get; init; }

    /// <summary>The JSON Schema of the error body.</summary>
    public JsonNode? Schema { get; init; }
}
