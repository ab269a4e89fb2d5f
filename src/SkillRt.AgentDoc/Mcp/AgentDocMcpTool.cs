using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.AgentDoc;

/// <summary>
/// One doc tool as the MCP SDK sees it: a fixed <see cref="Tool"/> description and a handler that reads its
/// arguments from JSON. Derived from <see cref="McpServerTool"/> directly rather than made from a method,
/// so no reflection or JSON serialization metadata is needed (trim- and AOT-safe). Bad arguments and
/// unknown names become error results (<c>isError</c>) with a sentence saying what to do.
/// </summary>
internal sealed class AgentDocMcpTool : McpServerTool
{
    private readonly Func<ToolArguments, CancellationToken, ValueTask<AgentDocAnswer>> _handler;

    public AgentDocMcpTool(Tool tool, Func<ToolArguments, CancellationToken, ValueTask<AgentDocAnswer>> handler)
    {
        ProtocolTool = tool;
        _handler = handler;
    }

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AgentDocAnswer answer;
        try
        {
            answer = await _handler(new ToolArguments(ProtocolTool.Name, request.Params?.Arguments), cancellationToken).ConfigureAwait(false);
        }
        catch (ToolArgumentException exception)
        {
            answer = AgentDocAnswer.Error(exception.Message);
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = answer.Text }],
            IsError = answer.IsError ? true : null,
        };
    }
}
