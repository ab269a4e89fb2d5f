namespace SkillRt.Evaluation;

/// <summary>The forms an <see cref="EvalResult"/> can be written in.</summary>
public enum EvalReportFormat
{
    /// <summary>Lines for a terminal: a line per case with its pass rate and interval, and why each failure failed.</summary>
    Text,

    /// <summary>The result's JSON form (spec/EVAL-SPEC.md section 8), the one <see cref="EvalResult.ReadJsonAsync"/> reads back.</summary>
    Json,

    /// <summary>JUnit XML, as CI servers read test results: a test case per eval case.</summary>
    JUnit,

    /// <summary>One self-contained HTML page: no script, no external style sheet or font, everything from the run encoded.</summary>
    Html,
}
