namespace SkillRt.Agents.Tests;

/// <summary>What a scripted model does with one plain Agent Skills folder, and what it must get back.</summary>
/// <param name="Name">The folder (and skill) name under <c>AgentSkills/</c>.</param>
/// <param name="Task">The task the skill is run on.</param>
/// <param name="File">The reference or asset the model reads, relative to the skill's folder.</param>
/// <param name="FileExcerpt">Text that file contains.</param>
/// <param name="Script">The script in <c>scripts/</c> the model runs, or <see langword="null"/> for a skill without scripts.</param>
/// <param name="Arguments">The script's arguments.</param>
/// <param name="ScriptOutput">What the script prints.</param>
public sealed record PlainSkillScenario(string Name, string Task, string File, string FileExcerpt, string? Script, string[] Arguments, string? ScriptOutput)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
