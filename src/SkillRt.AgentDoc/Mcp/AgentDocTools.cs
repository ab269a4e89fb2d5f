using System;
using System.Collections.Generic;
using ModelContextProtocol.Server;

namespace SkillRt.AgentDoc;

/// <summary>
/// The MCP tools that query agent-docs: <see cref="ResolveLibrary"/>, <see cref="SearchOperations"/>,
/// <see cref="GetOperation"/>, <see cref="GetWorkflow"/> and <see cref="GetSchema"/>. Every answer names the
/// library version and content hash it came from and stays within a token budget (<c>maxTokens</c>); a
/// name that does not exist is a tool error naming the closest ones that do. The tools are built without
/// reflection (fixed input schemas, arguments read from JSON), so they work in trimmed and native AOT hosts.
/// </summary>
public static class AgentDocTools
{
    /// <summary>Finds a library by name or words and lists its versions with their content hashes.</summary>
    public const string ResolveLibrary = "resolve_library";

    /// <summary>Finds the operations of a library version that match an intent in words.</summary>
    public const string SearchOperations = "search_operations";

    /// <summary>One operation with its input and output schemas, errors and remedies, and the shared schemas it uses.</summary>
    public const string GetOperation = "get_operation";

    /// <summary>One workflow: ordered steps, where their inputs come from, how to tell it worked.</summary>
    public const string GetWorkflow = "get_workflow";

    /// <summary>One shared schema by name (what an operation's <c>$ref</c> points at).</summary>
    public const string GetSchema = "get_schema";

    /// <summary>The tools over <paramref name="catalog"/>, for <c>McpServerOptions.ToolCollection</c> or <c>WithTools</c>.</summary>
    /// <param name="catalog">The agent-docs to answer from.</param>
    /// <param name="options">Answer sizes; the defaults when null.</param>
    public static IReadOnlyList<McpServerTool> Create(IAgentDocCatalog catalog, AgentDocToolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new AgentDocToolOptions();
        options.Validate();
        var queries = new AgentDocQueries(catalog, options);
        return AgentDocToolDefinitions.All(queries);
    }
}
