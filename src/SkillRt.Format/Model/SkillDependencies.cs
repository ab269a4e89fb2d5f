using System.Collections.Generic;

namespace SkillRt;

/// <summary>What must exist before a skill runs.</summary>
public sealed class SkillDependencies
{
    /// <summary>A skill with no dependencies.</summary>
    public static SkillDependencies None { get; } = new();

    /// <summary>Other skills, by name and version range.</summary>
    public IReadOnlyList<SkillDependency> Skills { get; init; } = [];

    /// <summary>Command-line tools that must be on PATH.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>MCP servers, by the name they have in the host's MCP configuration.</summary>
    public IReadOnlyList<string> McpServers { get; init; } = [];

    /// <summary>Agent-docs the model may query while the skill runs, by name and version range.</summary>
    public IReadOnlyList<SkillAgentDocDependency> AgentDocs { get; init; } = [];
}
