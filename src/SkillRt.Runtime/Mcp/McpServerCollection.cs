using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;

namespace SkillRt.Mcp;

/// <summary>
/// The MCP servers a runner may use, by name: added in code, or read from the files agents already
/// use (<c>.mcp.json</c>, <c>mcp.json</c>, <c>.vscode/mcp.json</c>). A later server replaces an
/// earlier one of the same name, so a file read last overrides one read first.
/// </summary>
/// <remarks>
/// Configure it before running skills: the runner starts each server the first time a skill needs
/// it and reads the configuration then. The collection is not safe to change while runs read it.
/// </remarks>
/// <example>
/// <code>
/// options.McpServers.AddFromFile(".mcp.json");
/// options.McpServers.Add(McpServerConfiguration.Stdio("test", "dotnet", "TestServer.dll"));
/// </code>
/// </example>
public sealed class McpServerCollection : IEnumerable<McpServerConfiguration>
{
    /// <summary>The files <see cref="AddFromDirectory"/> looks for, in the order it reads them.</summary>
    private static readonly string[] DirectoryFiles = [Path.Combine(".vscode", "mcp.json"), Path.Combine(".cursor", "mcp.json"), "mcp.json", ".mcp.json"];

    private readonly Dictionary<string, McpServerConfiguration> _servers = new(StringComparer.Ordinal);

    /// <summary>How many servers there are.</summary>
    public int Count => _servers.Count;

    /// <summary>Adds a server, replacing one of the same name.</summary>
    /// <param name="server">The server: a <see cref="McpServerConfiguration.Command"/> or a <see cref="McpServerConfiguration.Url"/>.</param>
    /// <exception cref="ArgumentException">The server has no name, or neither a command nor a URL.</exception>
    public void Add(McpServerConfiguration server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (string.IsNullOrWhiteSpace(server.Name))
        {
            throw new ArgumentException("The MCP server has no name; name it as skills refer to it in runtime.server.", nameof(server));
        }

        if (server.Url is null && string.IsNullOrWhiteSpace(server.Command))
        {
            throw new ArgumentException($"MCP server '{server.Name}' has neither a Command (a program to start over stdio) nor a Url (an HTTP server); set one.", nameof(server));
        }

        _servers[server.Name] = server;
    }

    /// <summary>Removes the server of this name.</summary>
    /// <param name="name">The server's name.</param>
    /// <returns>Whether there was one.</returns>
    public bool Remove(string name) => _servers.Remove(name);

    /// <summary>Whether a server of this name is configured.</summary>
    /// <param name="name">The server's name, as skills refer to it.</param>
    public bool Contains(string name) => _servers.ContainsKey(name);

    /// <summary>Finds a server by name.</summary>
    /// <param name="name">The server's name, as skills refer to it.</param>
    /// <param name="server">The server, when there is one.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out McpServerConfiguration server) => _servers.TryGetValue(name, out server);

    /// <summary>
    /// Adds every server of an MCP file, in the format agents use: an object whose <c>mcpServers</c>
    /// (Claude Code, Cursor) or <c>servers</c> (VS Code) maps names to entries. An entry is either
    /// <c>{ "command": "npx", "args": [...], "env": {...}, "cwd": "..." }</c> (started over stdio;
    /// <c>"type": "stdio"</c> is optional) or <c>{ "type": "http", "url": "...", "headers": {...} }</c>
    /// (<c>"type"</c> may also be <c>sse</c> or <c>streamable-http</c>, or left out).
    /// </summary>
    /// <remarks>
    /// Strings may use <c>${env:NAME}</c>, <c>${NAME}</c> and <c>${NAME:-default}</c> for environment
    /// variables (an unset one without a default becomes empty), <c>${workspaceFolder}</c> and
    /// <c>${userHome}</c>; other <c>${…}</c> stay as written. Servers start in the workspace folder
    /// (the file's folder, or its parent for <c>.vscode/</c>, <c>.cursor/</c> and <c>.claude/</c>)
    /// unless <c>cwd</c> says otherwise, and relative <c>cwd</c> and command paths are resolved
    /// against it. Comments and trailing commas are allowed; entries with <c>"disabled": true</c> are skipped.
    /// </remarks>
    /// <param name="path">The file, such as <c>.mcp.json</c>.</param>
    /// <exception cref="McpConfigurationException">The file is not JSON or an entry has the wrong shape; the message names the file, line and column.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public void AddFromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AddAll(McpConfigurationFile.Read(path));
    }

    /// <summary>
    /// Adds the servers of the MCP files in a folder, those that exist: <c>.vscode/mcp.json</c>,
    /// <c>.cursor/mcp.json</c>, <c>mcp.json</c> and <c>.mcp.json</c>, in that order, so a server in
    /// <c>.mcp.json</c> wins over one of the same name elsewhere. See <see cref="AddFromFile"/> for the format.
    /// </summary>
    /// <param name="directory">The folder, usually the project's or the repository's root.</param>
    /// <returns>How many files were read.</returns>
    /// <exception cref="McpConfigurationException">A file is not JSON or an entry has the wrong shape.</exception>
    public int AddFromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var read = 0;
        foreach (var name in DirectoryFiles)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                AddAll(McpConfigurationFile.Read(path));
                read++;
            }
        }

        return read;
    }

    /// <inheritdoc />
    public IEnumerator<McpServerConfiguration> GetEnumerator() => _servers.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A file is read whole before anything is added, so a bad file leaves the collection as it was.
    private void AddAll(List<McpServerConfiguration> servers)
    {
        foreach (var server in servers)
        {
            _servers[server.Name] = server;
        }
    }
}
