using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.AgentDoc;

/// <summary>The five doc tools: names, descriptions written for a model, input schemas, and which query each runs.</summary>
internal static class AgentDocToolDefinitions
{
    private const string Library = """
        "library": { "type": "string", "description": "The library's name exactly as resolve_library lists it, such as 'resend'." }
        """;

    private const string Version = """
        "version": { "type": "string", "description": "The version exactly as resolve_library lists it; leave it out for the newest." }
        """;

    public static IReadOnlyList<McpServerTool> All(AgentDocQueries queries) =>
        [.. Definitions(queries).Select(d => new AgentDocMcpTool(d.Tool, d.Handler))];

    /// <summary>Each tool's description and the query it runs; an MCP server and a skill run wrap them alike.</summary>
    public static IReadOnlyList<(Tool Tool, Func<ToolArguments, CancellationToken, ValueTask<AgentDocAnswer>> Handler)> Definitions(AgentDocQueries queries)
    {
        var maxTokens = $$"""
            "maxTokens": { "type": "integer", "minimum": {{AgentDocToolOptions.MinimumMaxTokens}}, "maximum": {{queries.Options.MaxTokensCap.ToString(CultureInfo.InvariantCulture)}},
              "description": "The most tokens the answer may take (default {{queries.Options.DefaultMaxTokens.ToString(CultureInfo.InvariantCulture)}}). A trimmed answer has a 'truncated' note saying what was left out and how to get it." }
            """;
        return
        [
            (
                Tool(
                    AgentDocTools.ResolveLibrary,
                    "Resolve a library",
                    "Find the agent-doc (API documentation written for agents) of a library or API by its name or by words, and list its versions with their content hashes. Start here: the other tools need the exact library name.",
                    $$"""
                    { "type": "object", "properties": {
                        "library": { "type": "string", "description": "A library or API name ('resend', 'openai-api') or words from its title." },
                        {{maxTokens}} },
                      "required": ["library"] }
                    """),
                (args, ct) => queries.ResolveLibraryAsync(args.RequiredString("library"), args.OptionalInteger("maxTokens"), ct)),
            (
                Tool(
                    AgentDocTools.SearchOperations,
                    "Search operations by intent",
                    "Find the operations of a library that do what you want, described in words ('send an email with an attachment'), best match first, with each one's ID, HTTP call and purpose. Then get the one you need with get_operation.",
                    $$"""
                    { "type": "object", "properties": {
                        {{Library}}, {{Version}},
                        "query": { "type": "string", "description": "What you want to do, in words." },
                        "limit": { "type": "integer", "minimum": 1, "maximum": {{queries.Options.MaxSearchResults.ToString(CultureInfo.InvariantCulture)}}, "description": "The most operations to return (default 10)." },
                        {{maxTokens}} },
                      "required": ["library", "query"] }
                    """),
                (args, ct) => queries.SearchOperationsAsync(args.RequiredString("library"), args.OptionalString("version"), args.RequiredString("query"), args.OptionalInteger("limit"), args.OptionalInteger("maxTokens"), ct)),
            (
                Tool(
                    AgentDocTools.GetOperation,
                    "Get an operation",
                    "Get one operation of a library: how to call it, its input and output JSON Schemas, its errors and how to recover from each, its side effects, and the shared schemas it uses. Everything needed to build a valid call.",
                    $$"""
                    { "type": "object", "properties": {
                        {{Library}}, {{Version}},
                        "operationId": { "type": "string", "description": "The operation's ID, as search_operations returns it." },
                        {{maxTokens}} },
                      "required": ["library", "operationId"] }
                    """),
                (args, ct) => queries.GetOperationAsync(args.RequiredString("library"), args.OptionalString("version"), args.RequiredString("operationId"), args.OptionalInteger("maxTokens"), ct)),
            (
                Tool(
                    AgentDocTools.GetWorkflow,
                    "Get a workflow",
                    "Get a multi-step workflow of a library: its ordered steps, the operation each calls, where each step's inputs come from (the caller or earlier outputs), and how to tell each step and the whole succeeded.",
                    $$"""
                    { "type": "object", "properties": {
                        {{Library}}, {{Version}},
                        "workflowId": { "type": "string", "description": "The workflow's ID." },
                        {{maxTokens}} },
                      "required": ["library", "workflowId"] }
                    """),
                (args, ct) => queries.GetWorkflowAsync(args.RequiredString("library"), args.OptionalString("version"), args.RequiredString("workflowId"), args.OptionalInteger("maxTokens"), ct)),
            (
                Tool(
                    AgentDocTools.GetSchema,
                    "Get a shared schema",
                    "Get one shared JSON Schema of a library by name: what a {\"$ref\": \"#/schemas/Name\"} in an operation points at, when get_operation left it out to stay within its budget.",
                    $$"""
                    { "type": "object", "properties": {
                        {{Library}}, {{Version}},
                        "name": { "type": "string", "description": "The schema's name, or its reference '#/schemas/Name'." },
                        {{maxTokens}} },
                      "required": ["library", "name"] }
                    """),
                (args, ct) => queries.GetSchemaAsync(args.RequiredString("library"), args.OptionalString("version"), args.RequiredString("name"), args.OptionalInteger("maxTokens"), ct)),
        ];
    }

    private static Tool Tool(string name, string title, string description, string inputSchema)
    {
        using var schema = JsonDocument.Parse(inputSchema);
        return new Tool
        {
            Name = name,
            Title = title,
            Description = description,
            InputSchema = schema.RootElement.Clone(),
            Annotations = new ToolAnnotations { Title = title, ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false, DestructiveHint = false },
        };
    }
}
