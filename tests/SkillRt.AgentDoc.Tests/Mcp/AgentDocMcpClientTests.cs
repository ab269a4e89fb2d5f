using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace SkillRt.AgentDoc.Tests.Mcp;

/// <summary>The doc tools through ModelContextProtocol's own McpClient against the real server, in memory.</summary>
public sealed class AgentDocMcpClientTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<InMemoryMcp> StartAsync() => InMemoryMcp.StartAsync(new AgentDocCatalog([generated.Resend.Document!, AgentDocReader.Parse(SampleDocs.Valid).Document!]), null, Ct);

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public async Task The_server_lists_five_read_only_tools_with_their_input_schemas()
    {
        await using var mcp = await StartAsync();

        var tools = await mcp.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.Equal(
            [AgentDocTools.GetOperation, AgentDocTools.GetSchema, AgentDocTools.GetWorkflow, AgentDocTools.ResolveLibrary, AgentDocTools.SearchOperations],
            tools.Select(t => t.Name).Order(System.StringComparer.Ordinal));
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations!.ReadOnlyHint));
        var search = tools.Single(t => t.Name == AgentDocTools.SearchOperations).ProtocolTool.InputSchema;
        Assert.Equal(["library", "query"], search.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(AgentDocMcpServer.Name, mcp.Client.ServerInfo!.Name);
    }

    [Fact]
    public async Task An_agent_resolves_searches_and_gets_an_operation_each_answer_pinned()
    {
        await using var mcp = await StartAsync();
        var hash = generated.Resend.Document!.Identity.ContentHash;

        var resolved = JsonNode.Parse(Text(await mcp.Client.CallToolAsync(AgentDocTools.ResolveLibrary, new Dictionary<string, object?> { ["library"] = "resend" }, cancellationToken: Ct)))!;
        Assert.Equal(hash, resolved["libraries"]![0]!["versions"]![0]!["contentHash"]!.GetValue<string>());

        var found = JsonNode.Parse(Text(await mcp.Client.CallToolAsync(AgentDocTools.SearchOperations, new Dictionary<string, object?> { ["library"] = "resend", ["query"] = "send an email" }, cancellationToken: Ct)))!;
        var id = found["results"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(hash, found["contentHash"]!.GetValue<string>());

        var operation = await mcp.Client.CallToolAsync(AgentDocTools.GetOperation, new Dictionary<string, object?> { ["library"] = "resend", ["operationId"] = id, ["maxTokens"] = 8000 }, cancellationToken: Ct);
        Assert.NotEqual(true, operation.IsError);
        var json = JsonNode.Parse(Text(operation))!;
        Assert.Equal(hash, json["contentHash"]!.GetValue<string>());
        Assert.Equal("emails/send", json["operation"]!["id"]!.GetValue<string>());
        Assert.NotNull(json["schemas"]!["SendEmailRequest"]);
    }

    [Fact]
    public async Task A_trimmed_answer_says_so_and_a_larger_budget_gets_the_rest()
    {
        await using var mcp = await StartAsync();

        var small = JsonNode.Parse(Text(await mcp.Client.CallToolAsync(AgentDocTools.GetOperation, new Dictionary<string, object?> { ["library"] = "resend", ["operationId"] = "emails/send", ["maxTokens"] = 300 }, cancellationToken: Ct)))!;
        var full = small["truncated"]!["maxTokensForAll"]!.GetValue<int>();
        var whole = JsonNode.Parse(Text(await mcp.Client.CallToolAsync(AgentDocTools.GetOperation, new Dictionary<string, object?> { ["library"] = "resend", ["operationId"] = "emails/send", ["maxTokens"] = full }, cancellationToken: Ct)))!;

        Assert.Null(whole["truncated"]);
        Assert.NotNull(whole["operation"]!["input"]);
    }

    [Fact]
    public async Task Unknown_names_and_bad_arguments_are_tool_errors_not_exceptions()
    {
        await using var mcp = await StartAsync();

        var unknown = await mcp.Client.CallToolAsync(AgentDocTools.GetOperation, new Dictionary<string, object?> { ["library"] = "resend", ["operationId"] = "emails/sendd" }, cancellationToken: Ct);
        Assert.True(unknown.IsError);
        Assert.StartsWith("resend ", Text(unknown), System.StringComparison.Ordinal);
        Assert.Contains("Closest: emails/send", Text(unknown), System.StringComparison.Ordinal);

        var missing = await mcp.Client.CallToolAsync(AgentDocTools.SearchOperations, new Dictionary<string, object?> { ["library"] = "resend" }, cancellationToken: Ct);
        Assert.True(missing.IsError);
        Assert.Equal("search_operations needs the argument 'query' (a non-empty string).", Text(missing));

        var wrongType = await mcp.Client.CallToolAsync(AgentDocTools.GetWorkflow, new Dictionary<string, object?> { ["library"] = "mailer", ["workflowId"] = "send-and-confirm", ["maxTokens"] = true }, cancellationToken: Ct);
        Assert.True(wrongType.IsError);
        Assert.Equal("get_workflow: the argument 'maxTokens' must be a whole number, not a boolean.", Text(wrongType));

        var workflow = await mcp.Client.CallToolAsync(AgentDocTools.GetWorkflow, new Dictionary<string, object?> { ["library"] = "mailer", ["workflowId"] = "send-and-confirm" }, cancellationToken: Ct);
        Assert.NotEqual(true, workflow.IsError);
    }
}
