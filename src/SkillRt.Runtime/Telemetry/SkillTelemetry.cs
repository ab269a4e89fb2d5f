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
    }
}
