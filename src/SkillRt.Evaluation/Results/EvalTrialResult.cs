using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Evaluation;

/// <summary>One run of one case and its assertions.</summary>
public sealed class EvalTrialResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="number">The trial's number, from 1.</param>
    /// <param name="duration">How long the run and its assertions took.</param>
    /// <param name="output">The skill's validated output; null when the run failed.</param>
    /// <param name="error">Why the run failed (no output to check), or null.</param>
    /// <param name="assertions">Each assertion's result; empty when the run failed.</param>
    public EvalTrialResult(int number, TimeSpan duration, JsonElement? output, string? error, IReadOnlyList<EvalAssertionResult> assertions)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        Number = number;
        Duration = duration;
        Output = output?.Clone();
        Error = error;
        Assertions = assertions;
    }

    /// <summary>The trial's number, from 1.</summary>
    public int Number { get; }

    /// <summary>How long the run and its assertions took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The skill's validated output; null when the run failed.</summary>
    public JsonElement? Output { get; }

    /// <summary>Why the run failed (the skill's error, a replay that ran out…); null when it produced an output.</summary>
    public string? Error { get; }

    /// <summary>Each assertion's result, in the file's order.</summary>
    public IReadOnlyList<EvalAssertionResult> Assertions { get; }

    /// <summary>Whether the run produced an output and every assertion held.</summary>
    public bool Passed => Error is null && Assertions.All(assertion => assertion.Passed);
}
