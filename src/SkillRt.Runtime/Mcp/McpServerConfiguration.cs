using System;
using System.Collections.Generic;

namespace SkillRt.Mcp;

/// <summary>
/// One MCP server a runner may use: a program to start (stdio) or a URL to connect to (HTTP). It
/// holds what an entry of <c>.mcp.json</c>/<c>mcp.json</c> holds; skills name the server by
/// <see cref="Name"/> in <c>runtime.server</c> and <c>dependencies.mcp-servers</c>.
/// </summary>
/// <example>
/// <code>
/// options.McpServers.Add(McpServerConfiguration.Stdio("github", "npx", "-y", "@modelcontextprotocol/server-github"));
/// options.McpServers.Add(McpServerConfiguration.Http("docs", new Uri("https://example.com/mcp")));
/// </code>
/// </example>
public sealed class McpServerConfiguration
{
    /// <summary>The server's name, as skills refer to it (its key in <c>mcp.json</c>).</summary>
    public required string Name { get; init; }

    /// <summary>For a stdio server: the program to start, found on <c>PATH</c> like in a shell.</summary>
    public string? Command { get; set; }

    /// <summary>For a stdio server: the program's arguments, passed as they are (no shell, no quoting).</summary>
    public IList<string> Arguments { get; init; } = new List<string>();

    /// <summary>
    /// For a stdio server: environment variables set for the program on top of the host's own; a
    /// <see langword="null"/> value removes an inherited variable.
    /// </summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>For a stdio server: the folder the program starts in; the host's current directory when <see langword="null"/>.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>For an HTTP server: its endpoint, an absolute <c>http</c> or <c>https</c> URL.</summary>
    public Uri? Url { get; set; }

    /// <summary>For an HTTP server: headers sent with every request, such as <c>Authorization</c>.</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How the server is reached: <see cref="McpTransportKind.Http"/> when <see cref="Url"/> is set, otherwise <see cref="McpTransportKind.Stdio"/>.</summary>
    public McpTransportKind Transport => Url is null ? McpTransportKind.Stdio : McpTransportKind.Http;

    /// <summary>The file the server was read from, for messages; <see langword="null"/> when it was added in code.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A server SkillRt starts as a child process and talks to over standard input and output.</summary>
    /// <param name="name">The server's name, as skills refer to it.</param>
    /// <param name="command">The program to start.</param>
    /// <param name="arguments">The program's arguments.</param>
    /// <returns>The configuration; set <see cref="Environment"/> and <see cref="WorkingDirectory"/> on it as needed.</returns>
    public static McpServerConfiguration Stdio(string name, string command, params string[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return new McpServerConfiguration { Name = name, Command = command, Arguments = new List<string>(arguments) };
    }

    /// <summary>A server already running at a URL, reached with Streamable HTTP (or HTTP with SSE).</summary>
    /// <param name="name">The server's name, as skills refer to it.</param>
    /// <param name="url">The server's endpoint.</param>
    /// <returns>The configuration; add headers through <see cref="Headers"/>.</returns>
    public static McpServerConfiguration Http(string name, Uri url)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(url);
        return new McpServerConfiguration { Name = name, Url = url };
    }

    /// <inheritdoc />
    public override string ToString() => Transport == McpTransportKind.Http ? $"{Name} ({Url})" : $"{Name} ({Command})";
}
