using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>
/// One agent-doc: the documentation of an API or library written for agents (spec/AGENT-DOC-SPEC.md).
/// Read it with <see cref="AgentDocReader"/>, write it with <see cref="AgentDocWriter"/>, query it with
/// <see cref="AgentDocIndex"/>.
/// </summary>
public sealed record AgentDocument
{
    /// <summary>The spec version the file is written in, the top-level <c>agentDoc</c> key.</summary>
    public string SpecVersion { get; init; } = AgentDocSpec.Version;

    /// <summary>What is documented, which version of it, where the text came from, and the content hash.</summary>
    public required AgentDocIdentity Identity { get; init; }

    /// <summary>What the API is for and how to approach it, written for an agent (a paragraph or two).</summary>
    public required string Summary { get; init; }

    /// <summary>The ideas an agent needs before calling anything (resources, states, units).</summary>
    public IReadOnlyList<AgentDocConcept> Concepts { get; init; } = [];

    /// <summary>The ways to authenticate, referred to by <see cref="AgentDocOperation.Auth"/>.</summary>
    public IReadOnlyList<AgentDocAuthentication> Authentication { get; init; } = [];

    /// <summary>The base URLs operations' paths are relative to.</summary>
    public IReadOnlyList<string> BaseUrls { get; init; } = [];

    /// <summary>The groups operations are filed under (an OpenAPI document's tags).</summary>
    public IReadOnlyList<AgentDocGroup> Groups { get; init; } = [];

    /// <summary>Every operation, in document order.</summary>
    public IReadOnlyList<AgentDocOperation> Operations { get; init; } = [];

    /// <summary>Multi-step tasks: ordered operations whose inputs come from earlier outputs.</summary>
    public IReadOnlyList<AgentDocWorkflow> Workflows { get; init; } = [];

    /// <summary>Shared JSON Schemas, referred to from any schema as <c>{"$ref": "#/schemas/Name"}</c>.</summary>
    public IReadOnlyList<AgentDocSchema> Schemas { get; init; } = [];

    /// <summary>Links back to the documentation written for people.</summary>
    public IReadOnlyList<AgentDocLink> Links { get; init; } = [];
}
