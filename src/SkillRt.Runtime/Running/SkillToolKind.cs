namespace SkillRt;

/// <summary>Where a tool offered to a model comes from.</summary>
public enum SkillToolKind
{
    /// <summary>A tool SkillRt provides, gated by the skill's permissions: fetching URLs, files, CLI tools, the skill's own scripts and files.</summary>
    Builtin,

    /// <summary>Another skill the skill depends on (<c>dependencies.skills</c>).</summary>
    Skill,

    /// <summary>A tool of an MCP server the skill depends on (<c>dependencies.mcp-servers</c>).</summary>
    Mcp,
}
