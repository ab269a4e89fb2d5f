using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>A task that takes several operations in order, and how to tell it succeeded.</summary>
public sealed record AgentDocWorkflow
{
    /// <summary>The stable ID, unique among the document's workflows.</summary>
    public required string Id { get; init; }

    /// <summary>A short title.</summary>
    public required string Title { get; init; }

    /// <summary>What the workflow achieves and when to use it.</summary>
    public required string Goal { get; init; }

    /// <summary>The values the caller supplies, referred to as <c>$inputs.name</c> in steps.</summary>
    public IReadOnlyList<AgentDocWorkflowInput> Inputs { get; init; } = [];

    /// <summary>The steps, in the order they run.</summary>
    public required IReadOnlyList<AgentDocWorkflowStep> Steps { get; init; }

    /// <summary>How to tell the whole workflow succeeded.</summary>
    public IReadOnlyList<string> SuccessCriteria { get; init; } = [];
}
