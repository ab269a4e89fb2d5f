using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>One thing an agent can do with the API, with everything it needs to do it right.</summary>
public sealed record AgentDocOperation
{
    /// <summary>The stable ID (an OpenAPI operationId), unique in the document.</summary>
    public required string Id { get; init; }

    /// <summary>A short title, such as "Send an email".</summary>
    public required string Title { get; init; }

    /// <summary>What the operation does and what it returns, for an agent choosing among operations.</summary>
    public required string Purpose { get; init; }

    /// <summary>When to choose this operation rather than a similar one; null when the purpose says enough.</summary>
    public string? WhenToUse { get; init; }

    /// <summary>The <see cref="AgentDocGroup.Id"/> the operation is filed under.</summary>
    public string? Group { get; init; }

    /// <summary>Free tags for search.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>How the operation is called over HTTP; null for an operation that is not an HTTP call.</summary>
    public AgentDocHttp? Http { get; init; }

    /// <summary>The <see cref="AgentDocAuthentication.Id"/>s accepted (any one of them); empty: none needed or not stated.</summary>
    public IReadOnlyList<string> Auth { get; init; } = [];

    /// <summary>
    /// The JSON Schema of the input. For an HTTP operation, an object with <c>path</c>, <c>query</c>,
    /// <c>header</c>, <c>cookie</c> (objects of parameters) and <c>body</c>.
    /// </summary>
    public JsonNode? Input { get; init; }

    /// <summary>The JSON Schema of a successful result; null when there is no result body.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>The errors the operation reports and how to recover from each.</summary>
    public IReadOnlyList<AgentDocError> Errors { get; init; } = [];

    /// <summary>Worked examples: an input and the output it gives.</summary>
    public IReadOnlyList<AgentDocExample> Examples { get; init; } = [];

    /// <summary>What the call does to the world: <c>read</c>, <c>create</c>, <c>update</c>, <c>delete</c> or <c>action</c>.</summary>
    public string? Effect { get; init; }

    /// <summary>Consequences beyond the result, in words ("sends an email to the recipients", "charges the account").</summary>
    public IReadOnlyList<string> SideEffects { get; init; } = [];

    /// <summary>Whether repeating the same call has the effect of one call; null when unknown.</summary>
    public bool? Idempotent { get; init; }

    /// <summary>The operation's rate limit, when one is known.</summary>
    public AgentDocRateLimit? RateLimit { get; init; }

    /// <summary>Set when the operation is deprecated.</summary>
    public AgentDocDeprecation? Deprecated { get; init; }

    /// <summary>The human documentation of this operation.</summary>
    public string? Docs { get; init; }
}
