using System.Diagnostics;
using System.Diagnostics.Metrics;
using SkillRt.Server.Telemetry;

namespace SkillRt.Server.AgentDocs;

/// <summary>
/// The agent-doc module's traces and metrics, <c>SkillRt.Server.AgentDocs</c>; the server program exports every
/// source and meter whose name starts with <c>SkillRt.Server</c>.
/// </summary>
internal static class AgentDocTelemetry
{
    /// <summary>The name of the module's ActivitySource and Meter.</summary>
    public const string Name = ServerTelemetry.Name + ".AgentDocs";

    /// <summary>Tag: the doc tool called (<c>get_operation</c>).</summary>
    public const string ToolTag = "skillrt.agent_doc.tool";

    /// <summary>Tag: <c>ok</c>, or <c>error</c> for an error result (an unknown name, a bad argument).</summary>
    public const string OutcomeTag = "skillrt.agent_doc.outcome";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Doc tool calls by tool and outcome.</summary>
    public static readonly Counter<long> ToolCalls =
        Meter.CreateCounter<long>("skillrt.agent_doc.tool_calls", unit: "{call}", description: "Agent-doc MCP tool calls, by tool and outcome.");

    /// <summary>How long a doc tool call took, by tool.</summary>
    public static readonly Histogram<double> ToolDuration =
        Meter.CreateHistogram<double>("skillrt.agent_doc.tool_call.duration", unit: "s", description: "Time to answer an agent-doc MCP tool call.");

    /// <summary>Reads of the published agent-docs from the registry (a cache refresh).</summary>
    public static readonly Counter<long> CatalogReads =
        Meter.CreateCounter<long>("skillrt.agent_doc.catalog_reads", unit: "{read}", description: "Reads of the list of published agent-docs from the registry.");
}
