namespace SkillRt;

/// <summary>How a SKILL.md file is written, decided by its first line.</summary>
public enum SkillMode
{
    /// <summary>No frontmatter: free Markdown read by an agent as it is.</summary>
    Prose,

    /// <summary>The file starts with a <c>---</c> line: YAML frontmatter, then the Markdown body.</summary>
    Structured,
}
