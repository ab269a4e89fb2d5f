using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>How one run went: how long it took, how many attempts, which model, what it cost.</summary>
public sealed class SkillRunReport
{
    /// <summary>The skill that ran.</summary>
    public required string SkillName { get; init; }

    /// <summary>The version of the skill that ran, when it declares one.</summary>
    public SemanticVersion? SkillVersion { get; init; }

    /// <summary>Wall-clock time from input validation to the validated output.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How many outputs were produced: 1 when the first was valid, more after repairs.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The model that answered, when a model ran the skill.</summary>
    public string? ModelId { get; init; }

    /// <summary>Tokens sent to the model over every attempt, when the provider reports them.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Tokens the model produced over every attempt, when the provider reports them.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>The estimated cost from the configured price table, when the model has a price.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>Every rejected output and why, in order.</summary>
    public IReadOnlyList<SkillRepair> Repairs { get; init; } = [];

    /// <summary>How many tool calls the model made during the run, refused ones included.</summary>
    public int ToolCalls { get; init; }

    /// <summary>
    /// What went wrong without failing the run, each a sentence; empty when nothing did. For example,
    /// a process skill that allows truncated output wrote more than the limit and was cut.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
