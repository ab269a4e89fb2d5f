namespace SkillRt;

/// <summary>How a skill is executed.</summary>
public enum SkillRuntimeType
{
    /// <summary>Instructions run by a model (<c>markdown-skill</c>). The default.</summary>
    MarkdownSkill,

    /// <summary>An Anthropic-style skill folder run by a model (<c>anthropic-skill</c>).</summary>
    AnthropicSkill,

    /// <summary>A command that reads inputs as JSON on stdin and writes the output as JSON on stdout (<c>process</c>).</summary>
    Process,

    /// <summary>A single call to a tool of an MCP server (<c>mcp-tool</c>).</summary>
    McpTool,
}
