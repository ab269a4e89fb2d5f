using System.Collections.Generic;

namespace SkillRt.Dependencies;

/// <summary>What a skill's dependencies resolved to: the sibling skills chosen and the MCP servers to offer.</summary>
internal sealed class ResolvedDependencies(IReadOnlyList<SkillCollectionEntry> skills, IReadOnlyList<string> mcpServers)
{
    public static ResolvedDependencies None { get; } = new([], []);

    /// <summary>The skills of <c>dependencies.skills</c>, each the highest version in its range.</summary>
    public IReadOnlyList<SkillCollectionEntry> Skills { get; } = skills;

    /// <summary>The servers of <c>dependencies.mcp-servers</c>, configured and reachable.</summary>
    public IReadOnlyList<string> McpServers { get; } = mcpServers;
}
