using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using SkillRt.Execution;

namespace SkillRt.Telemetry;

/// <summary>
/// The run span and the run metrics. Attribute names follow the OpenTelemetry GenAI semantic
/// conventions (<c>gen_ai.*</c>) where one exists and use <c>skillrt.*</c> otherwise.
/// </summary>
internal static class SkillTelemetry
{
    private static readonly string? Version = typeof(SkillTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(SkillRtTelemetry.ActivitySourceName, Version);

    private static readonly Meter Meter = new(SkillRtTelemetry.MeterName, Version);

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "skillrt.run.duration", "s", "How long skill runs take, from input validation to the validated output.");

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "skillrt.runs", "{run}", "Skill runs, by outcome.");

    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "skillrt.tokens", "{token}", "Model tokens used by skill runs, by token type (input or output).");

    private static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "skillrt.cost", "{currency}", "Estimated cost of skill runs from the runner's price table, by currency.");

    private static readonly Counter<long> Repairs = Meter.CreateCounter<long>(
        "skillrt.repairs", "{repair}", "Outputs sent back to the model because they broke the contract.");

    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>(
        "skillrt.tool.duration", "s", "How long tool calls made during skill runs take, by tool kind and outcome.");

    private static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>(
        "skillrt.tool.calls", "{call}", "Tool calls made during skill runs, by tool kind and outcome.");

    private static readonly Counter<long> ToolDenials = Meter.CreateCounter<long>(
        "skillrt.tool.denials", "{call}", "Tool calls refused, by reason (filesystem, network, tool, approval or limit), and connections the sandbox's proxy refused (network).");

    public static Activity? StartRun(SkillDescriptor descriptor)
    {
        var activity = Source.StartActivity("run_skill " + descriptor.Name, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TagNames.SkillName, descriptor.Name);
            if (descriptor.Version is { } version)
            {
                activity.SetTag(TagNames.SkillVersion, version.ToString());
            }

            activity.SetTag(TagNames.RuntimeType, descriptor.Runtime.Type.ToWireName());
            activity.SetTag(TagNames.OutputType, descriptor.OutputType == SkillOutputType.Json ? "json" : "text");
        }

        return activity;
    }

    public static void SetRequest(Activity? activity, ModelSettings settings, string? requestModel, string? providerName)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(TagNames.ProviderName, providerName);
        // The model asked for: the run's setting, or else the chat client's own default.
        activity.SetTag(TagNames.RequestModel, requestModel);
        if (settings.Temperature is { } temperature)
        {
            activity.SetTag(TagNames.RequestTemperature, (double)temperature);
        }

        if (settings.MaxOutputTokens is { } maxTokens)
        {
            activity.SetTag(TagNames.RequestMaxTokens, maxTokens);
        }
    }

    public static void RecordRun(
        Activity? activity, SkillDescriptor descriptor, string outcome, Exception? error, SkillRunState state, TimeSpan duration, decimal? cost, string currency)
    {
        var skill = new TagList { { TagNames.SkillName, descriptor.Name } };
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TagNames.Outcome, outcome);
            activity.SetTag(TagNames.Attempts, state.Attempts);
            activity.SetTag(TagNames.Repairs, state.Repairs.Count);
            activity.SetTag(TagNames.ResponseModel, state.ModelId);
            activity.SetTag(TagNames.InputTokens, state.InputTokens);
            activity.SetTag(TagNames.OutputTokens, state.OutputTokens);
            if (cost is { } value)
            {
                activity.SetTag(TagNames.Cost, (double)value);
                activity.SetTag(TagNames.Currency, currency);
            }
        }

        if (error is not null)
        {
            activity?.SetTag(TagNames.ErrorType, error.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        }

        var byOutcome = skill;
        byOutcome.Add(TagNames.Outcome, outcome);
        if (state.ModelId is { } model)
        {
            byOutcome.Add(TagNames.ResponseModel, model);
        }

        Runs.Add(1, byOutcome);
        RunDuration.Record(duration.TotalSeconds, byOutcome);
        if (state.Repairs.Count > 0)
        {
            Repairs.Add(state.Repairs.Count, skill);
        }

        if (state.InputTokens is { } input)
        {
            var tags = skill;
            tags.Add(TagNames.TokenType, "input");
            Tokens.Add(input, tags);
        }

        if (state.OutputTokens is { } output)
        {
            var tags = skill;
            tags.Add(TagNames.TokenType, "output");
            Tokens.Add(output, tags);
        }

        if (cost is { } amount)
        {
            var tags = skill;
            tags.Add(TagNames.Currency, currency);
            Cost.Add((double)amount, tags);
        }
    }

    /// <summary>Starts the <c>execute_tool {name}</c> span of one tool call, a child of the run's span.</summary>
    public static Activity? StartToolCall(SkillDescriptor descriptor, string toolName, SkillToolKind kind, string? callId)
    {
        var activity = Source.StartActivity("execute_tool " + toolName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TagNames.OperationName, "execute_tool");
            activity.SetTag(TagNames.ToolName, toolName);
            activity.SetTag(TagNames.ToolCallId, callId);
            activity.SetTag(TagNames.ToolKind, KindName(kind));
            activity.SetTag(TagNames.SkillName, descriptor.Name);
        }

        return activity;
    }

    public static void RecordDenial(Activity? activity, SkillDescriptor descriptor, string toolName, SkillToolKind kind, string reason)
    {
        activity?.SetTag(TagNames.DenialReason, reason);
        ToolDenials.Add(1, new TagList
        {
            { TagNames.SkillName, descriptor.Name },
            { TagNames.ToolName, toolName },
            { TagNames.ToolKind, KindName(kind) },
            { TagNames.DenialReason, reason },
        });
    }

    /// <summary>Counts a connection a sandboxed process tried and the allowlisting proxy refused.</summary>
    public static void RecordSandboxDenial(string skillName, string reason) =>
        ToolDenials.Add(1, new TagList
        {
            { TagNames.SkillName, skillName },
            { TagNames.ToolKind, "process" },
            { TagNames.DenialReason, reason },
        });

    public static void RecordToolCall(Activity? activity, SkillDescriptor descriptor, string toolName, SkillToolKind kind, string outcome, TimeSpan duration)
    {
        if (activity is not null)
        {
            activity.SetTag(TagNames.ToolOutcome, outcome);
            if (outcome != "success")
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }

        var tags = new TagList
        {
            { TagNames.SkillName, descriptor.Name },
            { TagNames.ToolName, toolName },
            { TagNames.ToolKind, KindName(kind) },
            { TagNames.ToolOutcome, outcome },
        };
        ToolCalls.Add(1, tags);
        ToolDuration.Record(duration.TotalSeconds, tags);
    }

    private static string KindName(SkillToolKind kind) => kind switch
    {
        SkillToolKind.Skill => "skill",
        SkillToolKind.Mcp => "mcp",
        SkillToolKind.Provided => "provided",
        _ => "builtin",
    };

    /// <summary>Attribute names; docs/telemetry.md lists them.</summary>
    internal static class TagNames
    {
        public const string SkillName = "skillrt.skill.name";
        public const string SkillVersion = "skillrt.skill.version";
        public const string RuntimeType = "skillrt.skill.runtime_type";
        public const string Outcome = "skillrt.run.outcome";
        public const string Attempts = "skillrt.run.attempts";
        public const string Repairs = "skillrt.run.repairs";
        public const string Cost = "skillrt.run.cost";
        public const string Currency = "skillrt.cost.currency";
        public const string OutputType = "gen_ai.output.type";
        public const string ProviderName = "gen_ai.provider.name";
        public const string RequestModel = "gen_ai.request.model";
        public const string RequestTemperature = "gen_ai.request.temperature";
        public const string RequestMaxTokens = "gen_ai.request.max_tokens";
        public const string ResponseModel = "gen_ai.response.model";
        public const string InputTokens = "gen_ai.usage.input_tokens";
        public const string OutputTokens = "gen_ai.usage.output_tokens";
        public const string TokenType = "gen_ai.token.type";
        public const string ErrorType = "error.type";
        public const string OperationName = "gen_ai.operation.name";
        public const string ToolName = "gen_ai.tool.name";
        public const string ToolCallId = "gen_ai.tool.call.id";
        public const string ToolKind = "skillrt.tool.kind";
        public const string ToolOutcome = "skillrt.tool.outcome";
        public const string DenialReason = "skillrt.tool.denial_reason";
    }
}
