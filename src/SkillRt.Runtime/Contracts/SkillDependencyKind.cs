namespace SkillRt;

/// <summary>The kinds of thing a skill can depend on.</summary>
public enum SkillDependencyKind
{
    /// <summary>A command-line program on PATH (<c>dependencies.tools</c>).</summary>
    Tool,

    /// <summary>An MCP server the host configures (<c>dependencies.mcp-servers</c>, or <c>runtime.server</c>).</summary>
    McpServer,

    /// <summary>Another skill (<c>dependencies.skills</c>).</summary>
    Skill,

    /// <summary>The program a <c>process</c> skill runs (<c>runtime.command</c>).</summary>
    Program,

    /// <summary>An agent-doc the model may query (<c>dependencies.agent-docs</c>), offered by a tool provider such as <c>AddAgentDocs</c>.</summary>
    AgentDoc,
}
