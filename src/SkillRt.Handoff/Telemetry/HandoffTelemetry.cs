using System;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace SkillRt.Handoff.Telemetry;

/// <summary>
/// The handoff's span: <c>invoke_agent handoff</c>, the parent of the child runner's <c>run_skill</c>
/// spans, with OpenTelemetry GenAI attributes (<c>gen_ai.*</c>) and the budget given and used
/// (<c>skillrt.handoff.*</c>). docs/handoff.md lists them.
/// </summary>
internal static class HandoffTelemetry
{
    public const string ActivitySourceName = "SkillRt.Handoff";

    private static readonly string? Version = typeof(HandoffTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(ActivitySourceName, Version);

    /// <summary>
    /// Starts the span under the envelope's trace context, unless the current span is already in
    /// that trace (the parent runs in this process), where the current span is the closer parent.
    /// </summary>
    public static Activity? Start(HandoffEnvelope envelope, DelegateOptions options)
    {
        var parent = Activity.Current?.Context ?? default;
        if (envelope.TraceContext is { } trace
            && ActivityContext.TryParse(trace.Traceparent, trace.Tracestate, isRemote: true, out var remote)
            && (Activity.Current is null || Activity.Current.TraceId != remote.TraceId))
        {
            parent = remote;
        }

        var activity = Source.StartActivity("invoke_agent handoff", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "invoke_agent");
            activity.SetTag("gen_ai.agent.name", "handoff");
            activity.SetTag("gen_ai.request.model", options.Model);
            activity.SetTag("skillrt.handoff.task_id", envelope.TaskId);
            var budget = envelope.Budget;
            activity.SetTag("skillrt.handoff.budget.input_tokens", budget.InputTokens);
            activity.SetTag("skillrt.handoff.budget.output_tokens", budget.OutputTokens);
            activity.SetTag("skillrt.handoff.budget.total_tokens", budget.TotalTokens);
            activity.SetTag("skillrt.handoff.budget.cost_usd", budget.CostUsd is { } cost ? (double)cost : null);
            activity.SetTag("skillrt.handoff.budget.turns", budget.Turns);
            activity.SetTag("skillrt.handoff.budget.deadline", budget.Deadline?.ToString("O", CultureInfo.InvariantCulture));
        }

        return activity;
    }

    public static void Record(Activity? activity, HandoffResult result)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("skillrt.handoff.status", Wire(result.Status));
            activity.SetTag("skillrt.handoff.attempts", result.Attempts.Count);
            if (result.Attempts.Count > 0)
            {
                activity.SetTag("gen_ai.response.model", result.Attempts[^1].Model);
            }

            activity.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokens);
            activity.SetTag("skillrt.handoff.usage.total_tokens", result.Usage.TotalTokens);
            activity.SetTag("skillrt.handoff.usage.turns", result.Usage.Turns);
            activity.SetTag("skillrt.handoff.usage.estimated", result.Usage.Estimated);
            if (result.Cost is { } cost)
            {
                activity.SetTag("skillrt.handoff.usage.cost_usd", (double)cost);
            }
        }

        if (result.Error is { } error && result.Status != HandoffStatus.Completed)
        {
            activity.SetTag("error.type", error.Code);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }

    /// <summary>The current span's context as a handoff's trace context, for envelopes built in this process.</summary>
    public static HandoffTraceContext? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            ? new HandoffTraceContext { Traceparent = current.Id!, Tracestate = current.TraceStateString }
            : null;

    /// <summary>The trace id of a traceparent, when it is well formed.</summary>
    public static string? TraceIdOf(HandoffTraceContext? trace) =>
        trace is not null && ActivityContext.TryParse(trace.Traceparent, trace.Tracestate, out var context) ? context.TraceId.ToHexString() : null;

    public static string Wire(HandoffStatus status) => status switch
    {
        HandoffStatus.Completed => "completed",
        HandoffStatus.CriteriaUnmet => "criteria_unmet",
        HandoffStatus.BudgetExhausted => "budget_exhausted",
        HandoffStatus.NeedsInput => "needs_input",
        HandoffStatus.Failed => "failed",
        _ => "cancelled",
    };
}
