using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace SkillRt.Mcp;

/// <summary>
/// Reads the MCP files agents already use: <c>.mcp.json</c> (Claude Code), <c>.cursor/mcp.json</c>
/// (Cursor), <c>.vscode/mcp.json</c> (VS Code) and the like. Servers are under <c>mcpServers</c> or
/// <c>servers</c>, by name; an entry with <c>command</c> is started over stdio, one with <c>url</c> is
/// reached over HTTP. Comments and trailing commas are allowed, as in VS Code's files.
/// </summary>
/// <remarks>
/// Read with <see cref="JsonDocument"/> rather than the reflection serializer, so it is safe to trim
/// and compile ahead of time; positions for messages come from <see cref="McpJsonPositions"/>, only
/// when something is wrong. Keys other agents use that SkillRt does not need (<c>envFile</c>,
/// <c>autoApprove</c>, <c>timeout</c>…) are ignored; an entry with <c>"disabled": true</c> is skipped.
/// </remarks>
internal sealed class McpConfigurationFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly string _path;
    private readonly byte[] _utf8;
    private readonly string _workspaceFolder;
    private readonly Func<string, string?> _environment;
    private McpJsonPositions? _positions;

    private McpConfigurationFile(string path, byte[] utf8, Func<string, string?> environment)
    {
        _path = path;
        _utf8 = utf8;
        _environment = environment;
        _workspaceFolder = WorkspaceFolder(path);
    }

    /// <summary>Reads the servers of a file.</summary>
    /// <exception cref="McpConfigurationException">The file is not JSON or an entry has the wrong shape.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static List<McpServerConfiguration> Read(string path, Func<string, string?>? environment = null)
    {
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllBytes(fullPath), fullPath, environment);
    }

    /// <summary>Reads the servers of a file's content; <paramref name="path"/> names it in messages and anchors relative paths.</summary>
    public static List<McpServerConfiguration> Parse(byte[] utf8, string path, Func<string, string?>? environment = null)
    {
        // Editors on Windows write a byte order mark; the JSON reader rejects one.
        if (utf8.AsSpan().StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        return new McpConfigurationFile(path, utf8, environment ?? Environment.GetEnvironmentVariable).Parse();
    }

    private List<McpServerConfiguration> Parse()
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(_utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new McpConfigurationException(
                _path,
                (int)(e.LineNumber ?? 0) + 1,
                (int)(e.BytePositionInLine ?? 0) + 1,
                $"The file is not valid JSON: {JsonReason(e)} Fix the JSON (comments and trailing commas are allowed).",
                e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(string.Empty, $"The file holds {Describe(root)}, not an object; an MCP file is an object whose \"mcpServers\" (Claude Code, Cursor) or \"servers\" (VS Code) maps names to servers.");
            }

            var servers = new List<McpServerConfiguration>();
            var found = false;
            foreach (var section in (ReadOnlySpan<string>)["mcpServers", "servers"])
            {
                if (root.TryGetProperty(section, out var entries))
                {
                    found = true;
                    ReadSection(section, entries, servers);
                }
            }

            if (!found)
            {
                throw Error(string.Empty, "The file has neither \"mcpServers\" (Claude Code, Cursor) nor \"servers\" (VS Code); put the servers in one of them, as in { \"mcpServers\": { \"github\": { \"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"] } } }.");
            }

            return servers;
        }
    }

    private void ReadSection(string section, JsonElement entries, List<McpServerConfiguration> servers)
    {
        var pointer = McpJsonPositions.Append(string.Empty, section);
        if (entries.ValueKind != JsonValueKind.Object)
        {
            throw Error(pointer, $"\"{section}\" is {Describe(entries)}, not an object; map each server's name to its entry, as in \"{section}\": {{ \"name\": {{ \"command\": \"...\" }} }}.");
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (ReadServer(entry.Name, entry.Value, McpJsonPositions.Append(pointer, entry.Name)) is { } server)
            {
                servers.Add(server);
            }
        }
    }

    private McpServerConfiguration? ReadServer(string name, JsonElement entry, string pointer)
    {
        if (name.Length == 0)
        {
            throw Error(pointer, "A server has an empty name; name it as skills refer to it in runtime.server.");
        }

        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Error(pointer, $"Server '{name}' is {Describe(entry)}, not an object; give it a \"command\" (a program to start) or a \"url\" (an HTTP server).");
        }

        if (entry.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        var command = OptionalString(name, entry, "command", pointer);
        var url = OptionalString(name, entry, "url", pointer);
        var transport = ReadTransport(name, entry, pointer, command is not null, url is not null);
        if (transport == McpTransportKind.Http)
        {
            return ReadHttpServer(name, entry, pointer, url!);
        }

        if (command!.Trim().Length == 0)
        {
            throw Error(McpJsonPositions.Append(pointer, "command"), $"Server '{name}' has an empty \"command\"; name the program to start.");
        }

        var server = new McpServerConfiguration
        {
            Name = name,
            Command = ResolveCommand(Expand(command)),
            WorkingDirectory = Path.GetFullPath(Expand(OptionalString(name, entry, "cwd", pointer) ?? "."), _workspaceFolder),
            SourcePath = _path,
        };

        if (entry.TryGetProperty("args", out var args))
        {
            var argsPointer = McpJsonPositions.Append(pointer, "args");
            if (args.ValueKind != JsonValueKind.Array)
            {
                throw Error(argsPointer, $"Server '{name}': \"args\" must be a list of strings, not {Describe(args)}; write it as \"args\": [\"--flag\", \"value\"].");
            }

            var index = 0;
            foreach (var arg in args.EnumerateArray())
            {
                var text = ScalarText(arg) ?? throw Error(
                    McpJsonPositions.Append(argsPointer, index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    $"Server '{name}': \"args\"[{index}] must be a string, not {Describe(arg)}.");
                server.Arguments.Add(Expand(text));
                index++;
            }
        }

        foreach (var (variable, value) in ReadMap(name, entry, "env", pointer, allowNull: true))
        {
            server.Environment[variable] = value is null ? null : Expand(value);
        }

        return server;
    }

    private McpServerConfiguration ReadHttpServer(string name, JsonElement entry, string pointer, string url)
    {
        var expanded = Expand(url);
        if (!Uri.TryCreate(expanded, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Error(McpJsonPositions.Append(pointer, "url"), $"Server '{name}' has \"url\": \"{expanded}\", which is not an absolute http or https URL; write it in full, as in https://example.com/mcp.");
        }

        var server = new McpServerConfiguration { Name = name, Url = uri, SourcePath = _path };
        foreach (var (header, value) in ReadMap(name, entry, "headers", pointer, allowNull: false))
        {
            server.Headers[header] = Expand(value!);
        }

        return server;
    }

    private McpTransportKind ReadTransport(string name, JsonElement entry, string pointer, bool hasCommand, bool hasUrl)
    {
        if (!entry.TryGetProperty("type", out var type))
        {
            return (hasCommand, hasUrl) switch
            {
                (true, false) => McpTransportKind.Stdio,
                (false, true) => McpTransportKind.Http,
                (true, true) => throw Error(pointer, $"Server '{name}' has both \"command\" and \"url\"; keep one, or set \"type\" to \"stdio\" or \"http\"."),
                _ => throw Error(pointer, $"Server '{name}' has neither \"command\" (a program to start over stdio) nor \"url\" (an HTTP server); add one of them."),
            };
        }

        var typePointer = McpJsonPositions.Append(pointer, "type");
        var kind = type.ValueKind == JsonValueKind.String ? type.GetString()!.ToUpperInvariant() : null;
        switch (kind)
        {
            case "STDIO":
                return hasCommand ? McpTransportKind.Stdio : throw Error(pointer, $"Server '{name}' has \"type\": \"stdio\" but no \"command\"; add the program to start.");
            case "HTTP" or "SSE" or "STREAMABLE-HTTP" or "STREAMABLEHTTP":
                return hasUrl ? McpTransportKind.Http : throw Error(pointer, $"Server '{name}' has \"type\": \"{type.GetString()}\" but no \"url\"; add the server's address.");
            default:
                throw Error(typePointer, $"Server '{name}' has \"type\": {type.GetRawText()}, which SkillRt does not know; use \"stdio\" (with \"command\"), or \"http\" or \"sse\" (with \"url\").");
        }
    }

    private string? OptionalString(string name, JsonElement entry, string property, string pointer)
    {
        if (!entry.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(McpJsonPositions.Append(pointer, property), $"Server '{name}': \"{property}\" must be a string, not {Describe(value)}.");
    }

    private List<(string Name, string? Value)> ReadMap(string name, JsonElement entry, string property, string pointer, bool allowNull)
    {
        var result = new List<(string, string?)>();
        if (!entry.TryGetProperty(property, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        var mapPointer = McpJsonPositions.Append(pointer, property);
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw Error(mapPointer, $"Server '{name}': \"{property}\" must be an object of names and strings, not {Describe(map)}; write it as \"{property}\": {{ \"NAME\": \"value\" }}.");
        }

        foreach (var item in map.EnumerateObject())
        {
            var text = ScalarText(item.Value);
            if (text is null && !(allowNull && item.Value.ValueKind == JsonValueKind.Null))
            {
                throw Error(McpJsonPositions.Append(mapPointer, item.Name), $"Server '{name}': \"{property}\".\"{item.Name}\" must be a string, not {Describe(item.Value)}.");
            }

            result.Add((item.Name, text));
        }

        return result;
    }

    // Numbers and booleans are written as they are: "PORT": 8080 means what "PORT": "8080" does.
    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private string Expand(string value) => McpConfigurationVariables.Expand(value, _workspaceFolder, _environment);

    // Agents start servers in the workspace, so "./bin/server" means the workspace's; a bare name is looked up on PATH.
    private string ResolveCommand(string command) =>
        !Path.IsPathRooted(command) && (command.Contains('/', StringComparison.Ordinal) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            ? Path.GetFullPath(command, _workspaceFolder)
            : command;

    private McpConfigurationException Error(string pointer, string problem)
    {
        _positions ??= McpJsonPositions.Read(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var (line, column) = _positions.Find(pointer);
        return new McpConfigurationException(_path, line, column, problem);
    }

    /// <summary>The folder the file configures: its own, or the parent of an editor folder such as <c>.vscode</c>.</summary>
    private static string WorkspaceFolder(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        var folderName = Path.GetFileName(directory);
        return folderName is ".vscode" or ".cursor" or ".claude" && Path.GetDirectoryName(directory) is { } parent ? parent : directory;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // The reader's message ends with its own location ("Path: $ | LineNumber: 0 | ..."), which the prefix already gives.
    private static string JsonReason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        message = (cut < 0 ? message : message[..cut]).Trim();
        return message.EndsWith('.') ? message : message + ".";
    }
}
