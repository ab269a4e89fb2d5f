namespace SkillRt.Handoff;

/// <summary>One problem with an envelope, located by a JSON Pointer into it.</summary>
/// <param name="Path">A JSON Pointer (RFC 6901) to the field, such as <c>/budget/deadline</c>; <c>""</c> is the whole envelope.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record HandoffProblem(string Path, string Message)
{
    /// <summary>The problem as one line: <c>/budget/deadline: …</c>.</summary>
    /// <returns>The path (or <c>(envelope)</c>), a colon and the message.</returns>
    public override string ToString() => (Path.Length == 0 ? "(envelope)" : Path) + ": " + Message;
}
