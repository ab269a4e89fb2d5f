namespace SkillRt.Evaluation;

/// <summary>One assertion of a case, as read from the file and compiled (its path, pattern or schema already checked).</summary>
public sealed class EvalAssertion
{
    internal EvalAssertion(EvalCheck check, int line)
    {
        Check = check;
        Line = line;
    }

    /// <summary>schema, equals, contains, matches, approx or rubric.</summary>
    public string Kind => Check.Kind;

    /// <summary>The assertion in one line, such as <c>$.verdict equals "approve"</c>.</summary>
    public string Description => Check.Description;

    /// <summary>The line of the assertion in its file.</summary>
    public int Line { get; }

    internal EvalCheck Check { get; }
}
