using System;

namespace SkillRt;

/// <summary>
/// A skill's instructions could not be rendered: the template does not parse, uses a name that is
/// neither an input nor defined by the template, or fails while running. Like a compiler error, it
/// names the SKILL.md line; the fix is in the skill, not in the input.
/// </summary>
public sealed class SkillTemplateException : SkillException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="skillName">The skill whose template failed.</param>
    /// <param name="sourcePath">The SKILL.md, when known.</param>
    /// <param name="line">The one-based SKILL.md line of the problem.</param>
    /// <param name="column">The one-based column, or 0 when unknown.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    public SkillTemplateException(string skillName, string? sourcePath, int line, int column, string problem)
        : base(FormatMessage(skillName, sourcePath, line, column, problem))
    {
        SkillName = skillName;
        SourcePath = sourcePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The SKILL.md, when known.</summary>
    public string? SourcePath { get; }

    /// <summary>The one-based SKILL.md line of the problem.</summary>
    public int Line { get; }

    /// <summary>The one-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong and what to do, without the location.</summary>
    public string Problem { get; }

    private static string FormatMessage(string skillName, string? sourcePath, int line, int column, string problem)
    {
        ArgumentNullException.ThrowIfNull(skillName);
        ArgumentNullException.ThrowIfNull(problem);
        var location = column > 0 ? $"({line},{column})" : $"({line})";
        return $"{sourcePath ?? skillName}{location}: error: the instructions of skill '{skillName}' cannot be rendered: {problem}";
    }
}
