using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>One step of a workflow: an operation, where its inputs come from, and how to tell it worked.</summary>
public sealed record AgentDocWorkflowStep
{
    /// <summary>The step's ID, unique in the workflow; later steps refer to it as <c>$steps.id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The <see cref="AgentDocOperation.Id"/> the step calls.</summary>
    public required string Operation { get; init; }

    /// <summary>What the step is for, in this workflow.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Input values by their place in the operation's input (<c>body.to</c>, <c>path.email_id</c>):
    /// a literal, <c>$inputs.name</c>, or <c>$steps.id.output.field</c> from an earlier step.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; } = [];

    /// <summary>How to tell the step succeeded, such as <c>$status == 200</c> or <c>$output.id exists</c>.</summary>
    public IReadOnlyList<string> SuccessCriteria { get; init; } = [];
}
