using System;
using Microsoft.Extensions.Logging;

namespace SkillRt.Mcp;

/// <summary>
/// Log messages about MCP servers and tool calls: names, counts and timings. Tool arguments and
/// results can hold personal data, so they are never logged here.
/// </summary>
internal static partial class McpLog
{
    [LoggerMessage(60, LogLevel.Debug, "Starting MCP server {ServerName} ({Transport})")]
    public static partial void Starting(ILogger logger, string serverName, McpTransportKind transport);

    [LoggerMessage(61, LogLevel.Information, "MCP server {ServerName} is ready ({ServerInfo}) after {DurationMs:F0} ms")]
    public static partial void Started(ILogger logger, string serverName, string serverInfo, double durationMs);

    [LoggerMessage(62, LogLevel.Warning, "MCP server {ServerName} could not be started: {Reason}")]
    public static partial void StartFailed(ILogger logger, string serverName, string reason, Exception exception);

    [LoggerMessage(63, LogLevel.Debug, "MCP server {ServerName} stderr: {Line}")]
    public static partial void StandardError(ILogger logger, string serverName, string line);

    [LoggerMessage(64, LogLevel.Information, "MCP server {ServerName} has stopped; it is started again on next use")]
    public static partial void Stopped(ILogger logger, string serverName);

    [LoggerMessage(65, LogLevel.Debug, "Skill {SkillName}: calling tool {ToolName} on MCP server {ServerName}")]
    public static partial void CallingTool(ILogger logger, string skillName, string toolName, string serverName);

    [LoggerMessage(66, LogLevel.Warning, "Skill {SkillName}: tool {ToolName} on MCP server {ServerName} failed ({Reason})")]
    public static partial void ToolFailed(ILogger logger, string skillName, string toolName, string serverName, string reason);
}
