using System;

namespace SkillRt;

/// <summary>A validated output together with the report of the run that produced it.</summary>
/// <typeparam name="TOutput">The skill's output type.</typeparam>
public sealed class SkillRunResult<TOutput>
{
    /// <summary>Creates a result.</summary>
    /// <param name="output">The validated output.</param>
    /// <param name="report">How the run went.</param>
    public SkillRunResult(TOutput output, SkillRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Output = output;
        Report = report;
    }

    /// <summary>The validated output.</summary>
    public TOutput Output { get; }

    /// <summary>How the run went: time, attempts, model, tokens, cost and repairs.</summary>
    public SkillRunReport Report { get; }
}
