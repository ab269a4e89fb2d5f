using System;
using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.AgentDoc;

/// <summary>
/// An MCP server that answers agent-doc queries with <see cref="AgentDocTools"/> over any transport: stdio
/// for <c>skillrt agent-doc serve</c>, an in-memory stream pair in tests and benchmarks. The server's module
/// registers the same tools on its Streamable HTTP endpoint instead.
/// </summary>
public static class AgentDocMcpServer
{
    /// <summary>The name the server gives in its MCP handshake.</summary>
    public const string Name = "skillrt-agent-doc";

    /// <summary>What the server tells a client about using its tools (MCP server instructions).</summary>
    public const string Instructions =
        "Agent-readable API documentation. Call resolve_library to find a library and its versions, search_operations to find the operation for a goal, " +
        "get_operation for its schemas, errors and remedies, get_workflow for a multi-step task. Every answer names the library version and content hash it came from; " +
        "a trimmed answer has a 'truncated' note saying how to get the rest.";

    /// <summary>The server's options: its name, instructions and the doc tools over <paramref name="catalog"/>.</summary>
    public static McpServerOptions CreateOptions(IAgentDocCatalog catalog, AgentDocToolOptions? options = null)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in AgentDocTools.Create(catalog, options))
        {
            tools.Add(tool);
        }

        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = Name, Version = typeof(AgentDocMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0" },
            ServerInstructions = Instructions,
            ToolCollection = tools,
        };
    }

    /// <summary>A server over <paramref name="transport"/>; run it with <c>RunAsync</c>, which returns when the client disconnects.</summary>
    public static McpServer Create(ITransport transport, IAgentDocCatalog catalog, AgentDocToolOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return McpServer.Create(transport, CreateOptions(catalog, options), loggerFactory);
    }
}
