namespace SkillRt.Cli.McpServing;

/// <summary>One skill as the server offers it.</summary>
/// <param name="Skill">The loaded, valid skill.</param>
/// <param name="Name">Its MCP tool or prompt name (<see cref="McpToolName"/>).</param>
/// <param name="File">The SKILL.md it was loaded from.</param>
/// <param name="Fingerprint">The file's text (and its sidecar's) when loaded: a reload replaces the skill only when this changed.</param>
internal sealed record ServedSkill(SkillDefinition Skill, string Name, string File, string Fingerprint)
{
    /// <summary>Whether it is offered as a prompt: a prose skill has no contract to call, only text to read.</summary>
    public bool IsPrompt => Skill.Document.Mode == SkillMode.Prose;
}
