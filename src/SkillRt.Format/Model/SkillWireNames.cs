namespace SkillRt;

/// <summary>The names enum values have in SKILL.md files (<c>markdown-skill</c>, <c>url</c>, <c>read-write</c>…).</summary>
public static class SkillWireNames
{
    /// <summary>The input type as written in frontmatter.</summary>
    public static string ToWireName(this SkillInputType type) => type switch
    {
        SkillInputType.Number => "number",
        SkillInputType.Integer => "integer",
        SkillInputType.Boolean => "boolean",
        SkillInputType.File => "file",
        SkillInputType.Url => "url",
        SkillInputType.Json => "json",
        _ => "string",
    };

    /// <summary>The output type as written in frontmatter.</summary>
    public static string ToWireName(this SkillOutputType type) => type switch
    {
        SkillOutputType.Json => "json",
        SkillOutputType.File => "file",
        _ => "text",
    };

    /// <summary>The runtime type as written in frontmatter.</summary>
    public static string ToWireName(this SkillRuntimeType type) => type switch
    {
        SkillRuntimeType.AnthropicSkill => "anthropic-skill",
        SkillRuntimeType.Process => "process",
        SkillRuntimeType.McpTool => "mcp-tool",
        _ => "markdown-skill",
    };

    /// <summary>The filesystem access as written in frontmatter.</summary>
    public static string ToWireName(this SkillFileAccess access) => access == SkillFileAccess.Read ? "read" : "read-write";
}
