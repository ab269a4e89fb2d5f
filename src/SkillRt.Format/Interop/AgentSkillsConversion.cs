using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// The outcome of <see cref="AgentSkillsFormat.Split"/> or <see cref="AgentSkillsFormat.Merge"/>:
/// the text to write, or the problems that prevent it. Nothing is half converted: when there are
/// problems, there is no text.
/// </summary>
public sealed class AgentSkillsConversion
{
    internal AgentSkillsConversion(string? skillMarkdown, string? sidecar, IReadOnlyList<AgentSkillsProblem> problems, IReadOnlyList<string> rewrittenKeys)
    {
        SkillMarkdown = skillMarkdown;
        Sidecar = sidecar;
        Problems = problems;
        RewrittenKeys = rewrittenKeys;
    }

    /// <summary>
    /// The SKILL.md to write: after a split, one whose frontmatter holds only Agent Skills keys in the
    /// form strict validators accept; after a merge, one with the sidecar's keys back in its frontmatter.
    /// <see langword="null"/> when there are <see cref="Problems"/>.
    /// </summary>
    public string? SkillMarkdown { get; }

    /// <summary>
    /// After a split, the text of the sidecar (<see cref="AgentSkillsFormat.SidecarFileName"/>) to write
    /// beside the SKILL.md: every other top-level key, verbatim. <see langword="null"/> when no key had
    /// to move (the skill already was Agent Skills only), after a merge, and when there are problems.
    /// </summary>
    public string? Sidecar { get; }

    /// <summary>What prevents the conversion; empty when it succeeded.</summary>
    public IReadOnlyList<AgentSkillsProblem> Problems { get; }

    /// <summary>
    /// The Agent Skills keys whose value a split rewrote into the strict form, keeping its meaning to
    /// SkillRt: an <c>allowed-tools</c> list written as one space-separated string, a number or boolean
    /// written as a quoted string. A merge gives these back in their new form; every other byte
    /// is kept.
    /// </summary>
    public IReadOnlyList<string> RewrittenKeys { get; }

    /// <summary>Whether the conversion succeeded (there are no <see cref="Problems"/>).</summary>
    public bool Succeeded => Problems.Count == 0;
}
