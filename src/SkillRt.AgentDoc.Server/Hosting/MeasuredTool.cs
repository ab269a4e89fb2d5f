using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.Server.AgentDocs;

/// <summary>A doc tool with an activity, a call counter and a duration histogram around it (<see cref="AgentDocTelemetry"/>).</summary>
internal sealed class MeasuredTool(McpServerTool inner) : DelegatingMcpServerTool(inner)
{
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var tool = ProtocolTool.Name;
        using var activity = AgentDocTelemetry.Source.StartActivity("agent_doc " + tool);
        activity?.SetTag(AgentDocTelemetry.ToolTag, tool);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await base.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = result.IsError == true ? "error" : "ok";
            return result;
        }
        finally
        {
            activity?.SetTag(AgentDocTelemetry.OutcomeTag, outcome);
            AgentDocTelemetry.ToolCalls.Add(1, new(AgentDocTelemetry.ToolTag, tool), new(AgentDocTelemetry.OutcomeTag, outcome));
            AgentDocTelemetry.ToolDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { AgentDocTelemetry.ToolTag, tool } });
        }
    }
}
