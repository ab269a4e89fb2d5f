using System.Globalization;

namespace SkillRt;

/// <summary>
/// Why a skill cannot be converted between the SkillRt form and the Agent Skills form, and where:
/// a value a strict Agent Skills validator would reject and that cannot be rewritten without changing
/// its meaning, an error in the skill, or a sidecar that does not fit its SKILL.md.
/// </summary>
public sealed class AgentSkillsProblem
{
    internal AgentSkillsProblem(SourceSpan span, string message, bool inSidecar)
    {
        Span = span;
        Message = message;
        InSidecar = inSidecar;
    }

    /// <summary>Where the problem is: in the SKILL.md text, or in the sidecar's when <see cref="InSidecar"/>.</summary>
    public SourceSpan Span { get; }

    /// <summary>What is wrong and what to change.</summary>
    public string Message { get; }

    /// <summary>Whether <see cref="Span"/> is a position in the sidecar rather than in the SKILL.md.</summary>
    public bool InSidecar { get; }

    /// <summary>Formats the problem the way compilers print errors: <c>path(line,column): error: message</c>.</summary>
    /// <param name="path">The file to print: the SKILL.md's, or the sidecar's when <see cref="InSidecar"/>.</param>
    public string ToString(string? path) =>
        string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): error: {3}", path ?? string.Empty, Span.StartLine, Span.StartColumn, Message);

    /// <inheritdoc />
    public override string ToString() => ToString(null);
}
