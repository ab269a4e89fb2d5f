using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkillRt.Execution;

/// <summary>What one run has used so far: attempts, tokens, the model that answered and the repairs.</summary>
internal sealed class SkillRunState
{
    public int Attempts { get; set; }

    public string? ModelId { get; set; }

    public long? InputTokens { get; private set; }

    public long? OutputTokens { get; private set; }

    public List<SkillRepair> Repairs { get; } = [];

    /// <summary>What went wrong without failing the run, such as an output cut at its limit.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The run's tools and their call count, when the model was offered any.</summary>
    public Tools.ToolRun? Tools { get; set; }

    public void AddUsage(UsageDetails? usage)
    {
        if (usage?.InputTokenCount is { } input)
        {
            InputTokens = (InputTokens ?? 0) + input;
        }

        if (usage?.OutputTokenCount is { } output)
        {
            OutputTokens = (OutputTokens ?? 0) + output;
        }
    }
}
