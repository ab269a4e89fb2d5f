namespace SkillRt;

/// <summary>One missing dependency of a skill.</summary>
public sealed class SkillDependencyProblem
{
    /// <summary>Creates the problem.</summary>
    /// <param name="kind">What kind of dependency it is.</param>
    /// <param name="name">The dependency as the skill writes it: <c>jq</c>, <c>github</c>, <c>lint@^2.0</c>.</param>
    /// <param name="reason">Why it is missing and what to do.</param>
    public SkillDependencyProblem(SkillDependencyKind kind, string name, string reason)
    {
        Kind = kind;
        Name = name;
        Reason = reason;
    }

    /// <summary>What kind of dependency it is.</summary>
    public SkillDependencyKind Kind { get; }

    /// <summary>The dependency as the skill writes it.</summary>
    public string Name { get; }

    /// <summary>Why it is missing and what to do.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SkillDependencyKind.Tool => $"tool '{Name}': {Reason}",
        SkillDependencyKind.McpServer => $"MCP server '{Name}': {Reason}",
        SkillDependencyKind.Skill => $"skill '{Name}': {Reason}",
        SkillDependencyKind.AgentDoc => $"agent-doc '{Name}': {Reason}",
        _ => $"program '{Name}': {Reason}",
    };
}
