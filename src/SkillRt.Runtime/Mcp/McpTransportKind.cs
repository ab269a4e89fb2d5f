namespace SkillRt.Mcp;

/// <summary>How SkillRt reaches an MCP server.</summary>
public enum McpTransportKind
{
    /// <summary>SkillRt starts the server as a child process and talks to it over its standard input and output.</summary>
    Stdio,

    /// <summary>The server is already running at a URL; SkillRt connects with Streamable HTTP, falling back to HTTP with SSE.</summary>
    Http,
}
