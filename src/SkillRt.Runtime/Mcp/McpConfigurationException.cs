using System;

namespace SkillRt.Mcp;

/// <summary>
/// An MCP configuration file (<c>.mcp.json</c>, <c>mcp.json</c>) that cannot be used: it is not JSON,
/// or an entry has the wrong shape. The message names the file, the line and column, and the fix.
/// </summary>
public sealed class McpConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public McpConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public McpConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The one-based line.</param>
    /// <param name="column">The one-based column.</param>
    /// <param name="problem">What is wrong there and what to do, without the location.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public McpConfigurationException(string path, int line, int column, string problem, Exception? innerException = null)
        : base($"{path}({line},{column}): {problem}", innerException)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The configuration file, when the problem is in one.</summary>
    public string? Path { get; }

    /// <summary>The one-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The one-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }
}
