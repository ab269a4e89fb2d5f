namespace SkillRt.Evaluation;

/// <summary>How one assertion of one trial came out.</summary>
public sealed class EvalAssertionResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="kind">schema, equals, contains, matches, approx or rubric.</param>
    /// <param name="description">The assertion in one line, such as <c>$.verdict equals "approve"</c>.</param>
    /// <param name="passed">Whether it held.</param>
    /// <param name="message">Why it failed (what was found instead), or a rubric grader's reason; null otherwise.</param>
    public EvalAssertionResult(string kind, string description, bool passed, string? message)
    {
        Kind = kind;
        Description = description;
        Passed = passed;
        Message = message;
    }

    /// <summary>The assertion's kind as written in the file.</summary>
    public string Kind { get; }

    /// <summary>The assertion in one line.</summary>
    public string Description { get; }

    /// <summary>Whether it held.</summary>
    public bool Passed { get; }

    /// <summary>Why it failed, or a rubric grader's reason; null when there is nothing to say.</summary>
    public string? Message { get; }
}
