using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillRt.Handoff.Delegation;
using SkillRt.Handoff.Telemetry;

namespace SkillRt.Handoff;

/// <summary>
/// Runs handoffs: each child task runs through SkillRt's <see cref="SkillRunner"/> on the chat
/// client its model id names, with the budget enforced on the model's stream, the criteria checked
/// after each attempt, and retries and escalation as <see cref="DelegateOptions"/> say.
/// </summary>
/// <remarks>
/// Thread-safe and meant to be shared: it keeps one runner per model id and releases them when
/// disposed. With dependency injection, <c>services.AddSkillRt().AddHandoff()</c> registers one that
/// finds models as keyed chat clients.
/// </remarks>
/// <example>
/// <code>
/// await using var delegator = new HandoffDelegator(model => model == "cheap" ? cheapClient : null);
/// var result = await delegator.DelegateAsync(envelope, new DelegateOptions { Model = "cheap" });
/// </code>
/// </example>
public sealed class HandoffDelegator : IHandoffDelegator, IAsyncDisposable
{
    private readonly Func<string, IChatClient?> _resolveModel;
    private readonly HandoffDelegatorOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ConcurrentDictionary<string, Lazy<SkillRunner>> _runners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BudgetChatClient> _graders = new(StringComparer.Ordinal);
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(45);
    private int _disposed;

    /// <summary>Creates a delegator that finds a model's chat client with <paramref name="resolveModel"/>.</summary>
    /// <param name="resolveModel">The chat client of a model id, or <see langword="null"/> when there is none. Clients stay the caller's: the delegator does not dispose them.</param>
    /// <param name="options">Prices, the default grader, the clock and the runners' settings; the defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where the child runners log; nowhere when <see langword="null"/>.</param>
    public HandoffDelegator(Func<string, IChatClient?> resolveModel, HandoffDelegatorOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(resolveModel);
        _resolveModel = resolveModel;
        _options = options ?? new HandoffDelegatorOptions();
        _loggerFactory = loggerFactory;
    }

    /// <inheritdoc />
    public async Task<HandoffResult> DelegateAsync(HandoffEnvelope envelope, DelegateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Model, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.RetriesPerModel, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRepairAttempts, nameof(options));
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        using var activity = HandoffTelemetry.Start(envelope, options);
        var traceId = activity?.TraceId.ToHexString() ?? HandoffTelemetry.TraceIdOf(envelope.TraceContext);
        var run = new Run(envelope, options, traceId, new BudgetMeter(envelope.Budget, _options.Prices));
        var result = await DelegateCoreAsync(run, cancellationToken).ConfigureAwait(false);
        HandoffTelemetry.Record(activity, result);
        return result;
    }

    private async Task<HandoffResult> DelegateCoreAsync(Run run, CancellationToken cancellationToken)
    {
        var envelope = run.Envelope;
        var options = run.Options;
        var grader = envelope.Criteria?.Rubric is { } rubric ? rubric.Grader ?? options.Grader ?? _options.DefaultGrader : null;
        var problems = HandoffEnvelopeValidator.Validate(envelope, new HandoffValidationContext
        {
            ParentGrants = options.ParentGrants,
            TimeProvider = _options.TimeProvider,
            HasDefaultGrader = (options.Grader ?? _options.DefaultGrader) is not null,
            IsKnownModel = model => _resolveModel(model) is not null,
        });
        if (problems.Count > 0)
        {
            return run.End(HandoffStatus.Failed, new HandoffError
            {
                Code = "invalid_envelope",
                Message = "The envelope is invalid: " + string.Join(" ", problems.Select(p => p.ToString())),
                Path = problems[0].Path,
            });
        }

        string[] models = [options.Model, .. options.Escalation];
        foreach (var model in models.Append(grader).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (_resolveModel(model) is null)
            {
                return run.End(HandoffStatus.Failed, new HandoffError
                {
                    Code = "unknown_model",
                    Message = $"No chat client is registered for the model '{model}'; register it with services.AddKeyedChatClient(\"{model}\", …), or name a model that is.",
                });
            }

            if (envelope.Budget.CostUsd is not null && !_options.Prices.TryGetPrice(model, out _))
            {
                return run.End(HandoffStatus.Failed, new HandoffError
                {
                    Code = "budget_unenforceable",
                    Message = $"The budget limits the cost, and the price table has no price for the model '{model}', so its cost cannot be counted; add it with HandoffDelegatorOptions.Prices.Add(\"{model}\", …), or budget tokens instead.",
                    Path = "/budget/costUsd",
                });
            }
        }

        SkillDefinition skill;
        try
        {
            // No path: the task id is the sender's text, and a path ending in SKILL.md would make the runner look for a skill folder.
            skill = SkillDefinition.Parse(HandoffSkill.Write(envelope));
        }
        catch (SkillValidationException exception)
        {
            // The SKILL.md subset of JSON Schema (SKILL-SPEC section 9) is narrower than 2020-12.
            return run.End(HandoffStatus.Failed, new HandoffError { Code = "unsupported_schema", Message = "The child task cannot be built as a skill: " + exception.Message });
        }

        var input = envelope.Input is { } value
            ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [HandoffSkill.InputName] = value }, Serialization.HandoffJsonContext.Default.DictionaryStringJsonElement)
            : JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), Serialization.HandoffJsonContext.Default.DictionaryStringJsonElement);

        // The deadline is a cancellation of its own, linked to the caller's, so the two can be told apart.
        // A timer reaches at most about 49 days; a deadline further off cannot be reached by a run in any case.
        using var deadline = envelope.Budget.Deadline is { } at && at - _options.TimeProvider.GetUtcNow() is var left && left < MaxTimer
            ? new CancellationTokenSource(Max(left, TimeSpan.Zero), _options.TimeProvider)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        // Every model call of this handoff, on any runner, is counted against this meter.
        HandoffScope.Current = new HandoffScope(run.Meter, envelope.Grants?.Tools);
        try
        {
            foreach (var model in models)
            {
                for (var retry = 0; retry <= options.RetriesPerModel; retry++)
                {
                    var attempt = await AttemptAsync(run, model, grader, skill, input, deadline, cancellationToken, linked.Token).ConfigureAwait(false);
                    if (attempt.Status is HandoffStatus.Completed or HandoffStatus.BudgetExhausted or HandoffStatus.Cancelled)
                    {
                        return run.End(attempt.Status, attempt.Error);
                    }
                }
            }
        }
        finally
        {
            HandoffScope.Current = null;
        }

        var last = run.Attempts[^1];
        return run.End(last.Status, last.Error);
    }

    private async Task<HandoffAttempt> AttemptAsync(
        Run run, string model, string? grader, SkillDefinition skill, JsonElement input, CancellationTokenSource deadline, CancellationToken callerToken, CancellationToken token)
    {
        var before = run.Meter.Usage;
        HandoffStatus status;
        HandoffError? error = null;
        List<HandoffEvidence>? evidence = null;
        JsonElement? output = null;
        try
        {
            var runner = RunnerFor(model);
            var result = await runner.RunAsync(skill, input, new SkillRunOptions
            {
                MaxRepairAttempts = run.Options.MaxRepairAttempts,
                // With a deadline, the handoff's own clock governs; the runner's default limit must not cut in first.
                RunTimeout = run.Envelope.Budget.Deadline is null ? null : Timeout.InfiniteTimeSpan,
            }, token).ConfigureAwait(false);
            output = result.Output;
            evidence = [new HandoffEvidence { Criterion = "schema", Passed = true, Detail = "The output satisfies the output schema.", Path = string.Empty }];
            if (run.Envelope.Criteria?.Assertions is { } assertions)
            {
                for (var i = 0; i < assertions.Count; i++)
                {
                    evidence.Add(AssertionEvaluator.Evaluate(assertions[i], i, result.Output));
                }
            }

            if (run.Envelope.Criteria?.Rubric is { } rubric && evidence.TrueForAll(e => e.Passed))
            {
                // Graded only when everything checkable passed: a grader's tokens come out of the same budget.
                evidence.Add(await RubricGrader.GradeAsync(GraderFor(grader!), run.Envelope, rubric, result.Output, token).ConfigureAwait(false));
            }

            var failed = evidence.Find(e => !e.Passed);
            status = failed is null ? HandoffStatus.Completed : HandoffStatus.CriteriaUnmet;
            if (failed is not null)
            {
                error = new HandoffError
                {
                    Code = "criteria_unmet",
                    Message = $"The output of model '{model}' fails the criteria: " + string.Join(" ", evidence.Where(e => !e.Passed).Select(e => $"{e.Criterion}: {e.Detail}")),
                    Path = failed.Path,
                };
            }
        }
        catch (BudgetExhaustedException exception)
        {
            status = HandoffStatus.BudgetExhausted;
            error = new HandoffError { Code = exception.Limit.Code(), Message = exception.Message, Path = exception.Limit.Pointer() };
        }
        catch (SkillOutputException exception)
        {
            status = HandoffStatus.CriteriaUnmet;
            var violations = exception.Violations;
            evidence = [new HandoffEvidence
            {
                Criterion = "schema",
                Passed = false,
                Detail = "The output breaks the output schema after every repair: " + string.Join(" ", violations.Select(v => v.ToString())),
                Path = violations.Count > 0 ? violations[0].Pointer : string.Empty,
            }];
            error = new HandoffError { Code = "criteria_unmet", Message = $"The output of model '{model}' breaks the output schema: " + string.Join(" ", violations.Select(v => v.ToString())), Path = evidence[0].Path };
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            status = HandoffStatus.Cancelled;
            error = new HandoffError { Code = "cancelled", Message = "The parent cancelled the handoff." };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            status = HandoffStatus.BudgetExhausted;
            error = new HandoffError
            {
                Code = BudgetLimit.Deadline.Code(),
                Message = $"The deadline {run.Envelope.Budget.Deadline:O} passed while model '{model}' was working; the call was stopped. Give a later deadline or a smaller task.",
                Path = BudgetLimit.Deadline.Pointer(),
            };
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A provider error, a refused request, a broken stream: this attempt failed, the next may not.
            status = HandoffStatus.Failed;
            error = new HandoffError { Code = "model_error", Message = $"Model '{model}' failed: {OneLine(exception.Message)} ({exception.GetType().Name})." };
        }

        var attempt = new HandoffAttempt { Model = model, Status = status, Usage = Subtract(run.Meter.Usage, before), Error = error };
        run.Attempts.Add(attempt);
        if (evidence is not null)
        {
            run.Evidence = evidence;
        }

        run.Output = status == HandoffStatus.Completed ? output : null;
        return attempt;
    }

    private SkillRunner RunnerFor(string model) =>
        _runners.GetOrAdd(model, key => new Lazy<SkillRunner>(() =>
        {
            var runnerOptions = new SkillRunnerOptions { Prices = _options.Prices, UseSkillModelHints = false };
            _options.ConfigureRunner?.Invoke(runnerOptions);
            // The child calls only the tools its envelope granted; the host's own approval, if any, still applies after.
            var approve = runnerOptions.ApproveToolCall;
            runnerOptions.ApproveToolCall = (call, cancellationToken) =>
                HandoffScope.Current is { } scope && !scope.MayCall(call.ToolName) ? ValueTask.FromResult(false)
                : approve?.Invoke(call, cancellationToken) ?? ValueTask.FromResult(true);
            var client = _resolveModel(key) ?? throw new InvalidOperationException($"No chat client is registered for the model '{key}'.");
            return SkillRunner.Create(new BudgetChatClient(client, key), runnerOptions, _loggerFactory);
        })).Value;

    private BudgetChatClient GraderFor(string model) =>
        _graders.GetOrAdd(model, key => new BudgetChatClient(
            _resolveModel(key) ?? throw new InvalidOperationException($"No chat client is registered for the grader model '{key}'."), key));

    private static HandoffUsage Subtract(HandoffUsage after, HandoffUsage before) => new()
    {
        InputTokens = after.InputTokens - before.InputTokens,
        OutputTokens = after.OutputTokens - before.OutputTokens,
        TotalTokens = after.TotalTokens - before.TotalTokens,
        Turns = after.Turns - before.Turns,
        Estimated = after.Estimated && !before.Estimated,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Provider messages span lines (OpenAI's: "HTTP 400 (type: code)", a blank line, then the reason); a result's message is one line.
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
        return line.Length > 500 ? line[..500] + "…" : line;
    }

    /// <summary>Stops the runners the delegator started (and the MCP servers they started); the chat clients stay the caller's.</summary>
    /// <returns>A task that completes when every runner has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var runner in _runners.Values)
        {
            if (runner.IsValueCreated)
            {
                await runner.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One handoff in progress: what it has done so far, and how to end it.</summary>
    private sealed class Run(HandoffEnvelope envelope, DelegateOptions options, string? traceId, BudgetMeter meter)
    {
        public HandoffEnvelope Envelope { get; } = envelope;

        public DelegateOptions Options { get; } = options;

        public BudgetMeter Meter { get; } = meter;

        public List<HandoffAttempt> Attempts { get; } = [];

        public IReadOnlyList<HandoffEvidence> Evidence { get; set; } = [];

        public JsonElement? Output { get; set; }

        public HandoffResult End(HandoffStatus status, HandoffError? error) => new()
        {
            TaskId = Envelope.TaskId,
            Status = status,
            Output = status == HandoffStatus.Completed ? Output : null,
            Usage = Meter.Usage,
            Cost = Meter.Usage.Turns == 0 ? 0m : Meter.Cost,
            Attempts = Attempts.ToArray(),
            Evidence = Evidence,
            TraceId = traceId,
            Error = status == HandoffStatus.Completed ? null : error,
        };
    }
}
