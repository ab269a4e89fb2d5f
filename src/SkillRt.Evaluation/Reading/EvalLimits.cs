using System;

namespace SkillRt.Evaluation;

/// <summary>The bounds the eval reader and runner keep to (spec/EVAL-SPEC.md section 9).</summary>
internal static class EvalLimits
{
    /// <summary>The largest eval file read: 1 MiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The most trials a case may ask for.</summary>
    public const int MaxTrials = 1000;

    /// <summary>How long one regular-expression match may take before the assertion fails.</summary>
    public static readonly TimeSpan RegexMatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest grader answer read, in characters.</summary>
    public const int MaxGraderAnswerLength = 16 * 1024;
}
