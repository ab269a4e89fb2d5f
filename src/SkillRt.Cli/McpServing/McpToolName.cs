namespace SkillRt.Cli.McpServing;

/// <summary>
/// The name a skill is offered under: its own name with every character MCP clients refuse replaced.
/// Tool names are kept to ASCII letters, digits, <c>_</c> and <c>-</c> and at most 64 characters, the
/// intersection of what the MCP specification allows and what the models behind Claude Code, Codex and
/// Copilot accept as function names. Skill names are lowercase kebab-case already, so they rarely change.
/// It is the rule the runtime's <see cref="SkillTool"/>s follow, so a skill has one tool name everywhere.
/// </summary>
internal static class McpToolName
{
    /// <summary>The longest name given out.</summary>
    public const int MaxLength = SkillToolName.MaxLength;

    /// <summary>The MCP-safe form of <paramref name="skillName"/>.</summary>
    public static string For(string skillName) => SkillToolName.For(skillName);
}
