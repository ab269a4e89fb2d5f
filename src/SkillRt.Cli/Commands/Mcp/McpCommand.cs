using System.CommandLine;

namespace SkillRt.Cli.Commands.Mcp;

/// <summary><c>skillrt mcp</c>: skills for the agents people use (Claude Code, Cursor, Codex, Copilot) over the Model Context Protocol.</summary>
internal static class McpCommand
{
    public static Command Create() => new("mcp", "Offer skills to agents over the Model Context Protocol (MCP).")
    {
        McpServeCommand.Create(),
    };
}
