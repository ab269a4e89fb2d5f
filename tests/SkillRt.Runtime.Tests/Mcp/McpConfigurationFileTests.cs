using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SkillRt.Mcp;
using Xunit;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary>The MCP files agents use: Claude Code's and Cursor's <c>mcpServers</c>, VS Code's <c>servers</c>, and what is wrong with bad ones.</summary>
public sealed class McpConfigurationFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillrt-mcp-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["TOKEN"] = "secret", ["EMPTY"] = string.Empty };

    private List<McpServerConfiguration> Parse(string json, string fileName = ".mcp.json") =>
        McpConfigurationFile.Parse(Encoding.UTF8.GetBytes(json), Path.Combine(_folder, fileName), name => Environment.GetValueOrDefault(name));

    private string Write(string relativePath, string json)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Claude_code_files_give_stdio_and_http_servers()
    {
        var servers = Parse("""
            {
              "mcpServers": {
                "github": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-github", "--port", 8080],
                  "env": { "GITHUB_TOKEN": "${env:TOKEN}", "PORT": 8080, "REMOVED": null }
                },
                "local": { "type": "stdio", "command": "./bin/server", "cwd": "work" },
                "docs": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } },
                "events": { "type": "sse", "url": "http://localhost:3000/sse" },
                "plain": { "url": "https://example.com/plain" },
                "off": { "command": "x", "disabled": true }
              }
            }
            """).ToDictionary(s => s.Name);

        Assert.Equal(["docs", "events", "github", "local", "plain"], servers.Keys.Order(StringComparer.Ordinal));

        var github = servers["github"];
        Assert.Equal(McpTransportKind.Stdio, github.Transport);
        Assert.Equal("npx", github.Command);
        Assert.Equal(["-y", "@modelcontextprotocol/server-github", "--port", "8080"], github.Arguments);
        Assert.Equal("secret", github.Environment["GITHUB_TOKEN"]);
        Assert.Equal("8080", github.Environment["PORT"]);
        Assert.Null(github.Environment["REMOVED"]);
        Assert.Equal(_folder, github.WorkingDirectory);
        Assert.Equal(Path.Combine(_folder, ".mcp.json"), github.SourcePath);

        var local = servers["local"];
        Assert.Equal(Path.Combine(_folder, "bin", "server"), local.Command);
        Assert.Equal(Path.Combine(_folder, "work"), local.WorkingDirectory);

        var docs = servers["docs"];
        Assert.Equal(McpTransportKind.Http, docs.Transport);
        Assert.Equal(new Uri("https://example.com/mcp"), docs.Url);
        Assert.Equal("Bearer secret", docs.Headers["authorization"]);
        Assert.Equal(McpTransportKind.Http, servers["events"].Transport);
        Assert.Equal(McpTransportKind.Http, servers["plain"].Transport);
    }

    [Fact]
    public void Vs_code_files_with_comments_trailing_commas_and_the_workspace_folder_are_read()
    {
        var path = Write(Path.Combine(".vscode", "mcp.json"), """
            // VS Code's own format: "servers", with inputs SkillRt does not use.
            {
              "inputs": [{ "type": "promptString", "id": "key", "password": true }],
              "servers": {
                "files": {
                  "type": "stdio",
                  "command": "node",
                  "args": ["${workspaceFolder}/server.js", "${input:key}",],
                  "cwd": "${workspaceFolder}/tools",
                },
                "remote": { "type": "streamable-http", "url": "https://example.com/mcp" },
              },
            }
            """);

        var collection = new McpServerCollection();
        collection.AddFromFile(path);

        Assert.Equal(2, collection.Count);
        Assert.True(collection.TryGet("files", out var files));
        Assert.Equal([_folder + "/server.js", "${input:key}"], files.Arguments);
        Assert.Equal(Path.Combine(_folder, "tools"), files.WorkingDirectory);
        Assert.True(collection.Contains("remote"));
        Assert.False(collection.Contains("Remote"));
    }

    [Fact]
    public void A_folder_reads_every_mcp_file_there_and_dot_mcp_json_wins()
    {
        Write("mcp.json", """{ "servers": { "a": { "command": "from-mcp-json" }, "b": { "command": "b" } } }""");
        Write(".mcp.json", """{ "mcpServers": { "a": { "command": "from-dot-mcp-json" } } }""");

        var collection = new McpServerCollection();
        Assert.Equal(2, collection.AddFromDirectory(_folder));

        Assert.Equal(2, collection.Count);
        Assert.True(collection.TryGet("a", out var a));
        Assert.Equal("from-dot-mcp-json", a.Command);
        Assert.Equal(0, new McpServerCollection().AddFromDirectory(Path.Combine(_folder, "nothing-here")));
    }

    [Theory]
    [InlineData("${env:TOKEN}", "secret")]
    [InlineData("Bearer ${TOKEN}!", "Bearer secret!")]
    [InlineData("${MISSING}", "")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${TOKEN:-fallback}", "secret")]
    [InlineData("${input:key} ${not a name} ${unclosed", "${input:key} ${not a name} ${unclosed")]
    [InlineData("${workspaceFolder}/x", "/work/x")]
    [InlineData("no variables", "no variables")]
    public void Strings_take_environment_variables_and_the_workspace_folder(string value, string expected) =>
        Assert.Equal(expected, McpConfigurationVariables.Expand(value, "/work", name => Environment.GetValueOrDefault(name)));

    [Theory]
    [InlineData("{\n  \"mcpServers\": {\n    \"a\": { \"command\" \"x\" }\n  }\n}", 3, 22, "The file is not valid JSON: ")]
    [InlineData("{\n  \"mcpServers\": {\n    \"a\": { \"args\": [] }\n  }\n}", 3, 10, "Server 'a' has neither \"command\" (a program to start over stdio) nor \"url\" (an HTTP server); add one of them.")]
    [InlineData("{\n  \"mcpServers\": {\n    \"a\": {\n      \"command\": \"x\",\n      \"args\": \"--flag\"\n    }\n  }\n}", 5, 15, "Server 'a': \"args\" must be a list of strings, not a string")]
    [InlineData("{ \"mcpServers\": { \"a\": { \"command\": \"x\", \"args\": [\"ok\", {}] } } }", 1, 57, "Server 'a': \"args\"[1] must be a string, not an object.")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"command\": 42 }\n  }\n}", 3, 23, "Server 'a': \"command\" must be a string, not a number.")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"command\": \"x\", \"env\": { \"A\": [] } }\n  }\n}", 3, 42, "Server 'a': \"env\".\"A\" must be a string, not a list.")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"type\": \"websocket\", \"url\": \"ws://x\" }\n  }\n}", 3, 20, "Server 'a' has \"type\": \"websocket\", which SkillRt does not know")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"type\": \"http\", \"command\": \"x\" }\n  }\n}", 3, 10, "Server 'a' has \"type\": \"http\" but no \"url\"")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"url\": \"example.com/mcp\" }\n  }\n}", 3, 19, "Server 'a' has \"url\": \"example.com/mcp\", which is not an absolute http or https URL")]
    [InlineData("{\n  \"servers\": {\n    \"a\": { \"url\": \"https://x\", \"command\": \"x\" }\n  }\n}", 3, 10, "Server 'a' has both \"command\" and \"url\"")]
    [InlineData("{\n  \"servers\": {\n    \"a\": \"npx server\"\n  }\n}", 3, 10, "Server 'a' is a string, not an object")]
    [InlineData("{\n  \"servers\": [\"a\"]\n}", 2, 14, "\"servers\" is a list, not an object")]
    [InlineData("{ \"github\": { \"command\": \"npx\" } }", 1, 1, "The file has neither \"mcpServers\" (Claude Code, Cursor) nor \"servers\" (VS Code)")]
    [InlineData("[]", 1, 1, "The file holds a list, not an object")]
    public void Bad_files_are_reported_with_the_file_line_column_and_fix(string json, int line, int column, string problem)
    {
        var path = Write("mcp.json", json);
        var collection = new McpServerCollection();
        collection.Add(McpServerConfiguration.Stdio("kept", "kept"));

        var error = Assert.Throws<McpConfigurationException>(() => collection.AddFromFile(path));

        Assert.StartsWith($"{path}({line},{column}): {problem}", error.Message, StringComparison.Ordinal);
        Assert.Equal((path, line, column), (error.Path, error.Line, error.Column));
        Assert.Equal(["kept"], collection.Select(s => s.Name));
    }

    [Fact]
    public void Servers_added_in_code_replace_servers_of_the_same_name()
    {
        var collection = new McpServerCollection
        {
            McpServerConfiguration.Stdio("a", "first"),
            McpServerConfiguration.Http("b", new Uri("https://example.com/mcp")),
        };
        collection.Add(McpServerConfiguration.Stdio("a", "second", "--flag"));

        Assert.Equal(2, collection.Count);
        Assert.True(collection.TryGet("a", out var a));
        Assert.Equal(("second", McpTransportKind.Stdio), (a.Command, a.Transport));
        Assert.Equal(["--flag"], a.Arguments);
        Assert.True(collection.TryGet("b", out var b));
        Assert.Equal(McpTransportKind.Http, b.Transport);
        Assert.False(collection.TryGet("c", out _));
        Assert.True(collection.Remove("b"));
        Assert.Equal(1, collection.Count);

        var error = Assert.Throws<ArgumentException>(() => collection.Add(new McpServerConfiguration { Name = "empty" }));
        Assert.Contains("neither a Command", error.Message, StringComparison.Ordinal);
    }
}
