using System;

namespace SkillRt;

/// <summary>
/// Thrown when a skill's MCP tool cannot give an output: the server is not configured or cannot be
/// reached, the tool reported an error, or it did not answer in time. The message says which, with
/// the tool's own error text when it gave one.
/// </summary>
public sealed class SkillToolException : SkillException
{
    /// <summary>Creates the exception.</summary>
    public SkillToolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public SkillToolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public SkillToolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a tool on a server.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="serverName">The MCP server, as skills name it.</param>
    /// <param name="toolName">The tool on that server.</param>
    /// <param name="skillName">The skill that called the tool, when known.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public SkillToolException(string message, string? serverName, string? toolName, string? skillName, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerName = serverName;
        ToolName = toolName;
        SkillName = skillName;
    }

    /// <summary>The MCP server, as skills name it in <c>runtime.server</c>.</summary>
    public string? ServerName { get; }

    /// <summary>The tool on that server, as in <c>runtime.tool</c>.</summary>
    public string? ToolName { get; }

    /// <summary>The error text the tool returned, when it reported an error (<c>isError</c>).</summary>
    public string? ToolError { get; init; }
}
