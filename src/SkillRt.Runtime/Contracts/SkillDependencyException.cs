using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>
/// What a skill depends on is not all there: a CLI tool not on PATH, an MCP server not configured or
/// not reachable, a skill not in the runner's catalogue in the version range asked for. Every missing
/// item is listed, and nothing has run.
/// </summary>
public sealed class SkillDependencyException : SkillException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every missing dependency; at least one.</param>
    /// <param name="skillName">The skill that was to run.</param>
    public SkillDependencyException(IReadOnlyList<SkillDependencyProblem> problems, string? skillName)
        : base(FormatMessage(problems, skillName))
    {
        Problems = problems;
        SkillName = skillName;
    }

    /// <summary>Every missing dependency, in the order the skill declares them.</summary>
    public IReadOnlyList<SkillDependencyProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<SkillDependencyProblem> problems, string? skillName)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var subject = skillName is null ? "The skill" : $"Skill '{skillName}'";
        return $"{subject} cannot run: {problems.Count} of its dependencies {(problems.Count == 1 ? "is" : "are")} missing."
            + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
    }
}
