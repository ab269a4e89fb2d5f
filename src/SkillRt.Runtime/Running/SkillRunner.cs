using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillRt.Dependencies;
using SkillRt.Execution;
using SkillRt.Sandboxing;
using SkillRt.Tools;
using SkillRt.Hosting;
using SkillRt.Telemetry;

namespace SkillRt;

/// <summary>
/// Runs skills on any <see cref="IChatClient"/> (OpenAI, Azure OpenAI, Ollama, Anthropic, … through
/// their Microsoft.Extensions.AI adapters). Every run goes through one pipeline: input validation,
/// instruction rendering, the model call, output parsing and validation, repair, and the result
/// with its report; every run is traced, measured and logged.
/// </summary>
/// <remarks>
/// The runner is thread-safe and meant to be shared: register it once (<c>services.AddSkillRt()</c>,
/// which also lets a container replace its parts and add executors) or create one per chat client
/// with <see cref="Create"/>. Typed skills run through their generated contract
/// (<c>PrReviewSkill.RunAsync(runner, input)</c>); skills loaded at run time run through
/// <see cref="SkillDefinition.Contract">SkillDefinition.Contract</see> with JSON inputs and outputs.
/// </remarks>
public sealed class SkillRunner : ISkillRunner, IAsyncDisposable, IDisposable
{
    private readonly SkillRunnerOptions _options;
    private readonly ILogger _logger;
    private readonly ISkillExecutor[] _executors;
    private readonly DependencyResolver _dependencies;
    private readonly SkillToolbox _toolbox;
    // What the runner built itself and so must release; null when a container built the parts and releases them.
    private readonly IAsyncDisposable? _ownedParts;
    private int _disposed;
    private readonly string? _providerName;
    private readonly string? _defaultModelId;

    /// <summary>Creates a runner that logs its runs to one logger; prefer <see cref="Create"/>, which also takes the MCP clients' logs.</summary>
    /// <param name="chatClient">The model that runs markdown skills.</param>
    /// <param name="options">How to run; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where to log each run; nowhere when <see langword="null"/>. The MCP clients log nowhere.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message says which setting and why.</exception>
    public SkillRunner(IChatClient chatClient, SkillRunnerOptions? options = null, ILogger<SkillRunner>? logger = null)
        : this(SkillRunnerParts.Create(chatClient, options, logger, loggerFactory: null))
    {
    }

    private SkillRunner(SkillRunnerParts parts)
        : this(parts.ChatClient, parts.Options, parts.Logger, parts.Executors, parts.Dependencies, parts.Toolbox, ownedParts: parts)
    {
    }

    /// <summary>
    /// The runner as a container builds it: every part given, none owned. The executors are asked
    /// last-registered first, the way a container resolves the last registration of a service, so
    /// an executor added after <c>AddSkillRt</c> comes before SkillRt's own.
    /// </summary>
    internal SkillRunner(
        IChatClient chatClient, SkillRunnerOptions options, ILogger logger, IEnumerable<ISkillExecutor> executors,
        DependencyResolver dependencies, SkillToolbox toolbox, IAsyncDisposable? ownedParts)
    {
        _options = options;
        _logger = logger;
        _executors = [.. executors];
        Array.Reverse(_executors);
        _dependencies = dependencies;
        _toolbox = toolbox;
        _ownedParts = ownedParts;
        var metadata = chatClient.GetService<ChatClientMetadata>();
        _providerName = metadata?.ProviderName;
        _defaultModelId = metadata?.DefaultModelId;
    }

    /// <summary>Creates a runner for callers without dependency injection; it owns what it starts and stops it when disposed.</summary>
    /// <param name="chatClient">The model that runs markdown skills.</param>
    /// <param name="options">How to run; the defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// Where to log: runs under <c>SkillRt.SkillRunner</c>, MCP clients under <c>SkillRt.Mcp</c> and the
    /// SDK's own categories; nowhere when <see langword="null"/>.
    /// </param>
    /// <returns>A runner to share between runs and dispose when done.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message says which setting and why.</exception>
    /// <example>
    /// <code>
    /// await using var runner = SkillRunner.Create(chatClient, new SkillRunnerOptions { MaxRepairAttempts = 3 });
    /// </code>
    /// </example>
    public static SkillRunner Create(IChatClient chatClient, SkillRunnerOptions? options = null, ILoggerFactory? loggerFactory = null) =>
        new(SkillRunnerParts.Create(chatClient, options, SkillRunnerParts.CreateLogger(loggerFactory), loggerFactory));

    /// <inheritdoc />
    public Task<SkillRunResult<TOutput>> RunAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(input);
        RunDeadline.ThrowIfInvalid(options);
        return RunCoreAsync(skill, input, options, progress: null, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SkillRunUpdate<TOutput>> RunStreamingAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(input);
        RunDeadline.ThrowIfInvalid(options);
        return StreamCoreAsync(skill, input, options, cancellationToken);
    }

    private async IAsyncEnumerable<SkillRunUpdate<TOutput>> StreamCoreAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TInput : notnull
    {
        // The run writes its updates to a channel as they happen; leaving the loop early cancels it.
        var updates = Channel.CreateUnbounded<SkillRunUpdate<TOutput>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Run(
            async () =>
            {
                try
                {
                    var result = await RunCoreAsync(skill, input, options, update => updates.Writer.TryWrite(update), stop.Token).ConfigureAwait(false);
                    updates.Writer.TryWrite(new SkillRunUpdate<TOutput>(result));
                }
                finally
                {
                    updates.Writer.TryComplete();
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (!run.IsCompleted)
            {
                await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        // The run's own exception, with its own stack trace: input, output, template or cancellation.
        await run.ConfigureAwait(false);
    }

    private async Task<SkillRunResult<TOutput>> RunCoreAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options, Action<SkillRunUpdate<TOutput>>? progress, CancellationToken cancellationToken)
        where TInput : notnull
    {
        var descriptor = skill.Descriptor;
        var started = Stopwatch.GetTimestamp();
        using var activity = SkillTelemetry.StartRun(descriptor);
        var state = new SkillRunState();
        var outcome = SkillRunOutcome.Success;
        Exception? failure = null;
        decimal? cost = null;

        // From here on everything takes the deadline's token: the limit covers the whole run.
        using var deadline = new RunDeadline(RunDeadline.TimeoutOf(_options, options), _options.TimeProvider, cancellationToken);
        var callerToken = cancellationToken;
        cancellationToken = deadline.Token;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inputJson = ReadInput(skill, input);
            var settings = ModelSettings.Resolve(_options, descriptor.Runtime.Model, options);
            var executor = Array.Find(_executors, e => e.CanExecute(descriptor))
                ?? throw new NotSupportedException($"Skill '{descriptor.Name}' has runtime type '{descriptor.Runtime.Type.ToWireName()}', and no executor of this runner accepts it; add one that does with services.AddSkillRt().AddSkillExecutor<T>().");

            // Only SkillRt's model executor calls the model and is offered tools; process and MCP-tool
            // skills, and skills an added executor took over, name no model in their run.
            var usesModel = executor is ModelSkillExecutor;
            var requestModel = usesModel ? settings.ModelId ?? _defaultModelId : null;
            if (usesModel)
            {
                SkillTelemetry.SetRequest(activity, settings, requestModel, _providerName);
            }

            SkillRunnerLog.Starting(_logger, descriptor.Name, descriptor.Runtime.Type.ToWireName(), requestModel);

            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

            // Everything the skill depends on is checked before anything with a side effect happens.
            var workingDirectory = _options.WorkingDirectory ?? Environment.CurrentDirectory;
            var skillDirectory = SkillDirectoryLocator.Locate(descriptor, workingDirectory);
            var dependencies = await _dependencies.ResolveAsync(descriptor, skillDirectory, cancellationToken).ConfigureAwait(false);
            var tools = usesModel
                ? await _toolbox.CreateAsync(this, descriptor, dependencies, skillDirectory, workingDirectory, cancellationToken).ConfigureAwait(false)
                : null;
            // The built-in tools are shared between runs; this run's limits reach the processes they start through the async flow.
            var processLimits = ProcessLimits.Resolve(_options, options);
            ProcessLimits.Current = processLimits;
            var execution = new SkillExecution<TInput, TOutput>(skill, inputJson, PreparedSkill.For(descriptor), settings, state, progress, skillDirectory, workingDirectory)
            {
                Tools = tools,
                ProcessLimits = processLimits,
            };
            state.Tools = tools;
            var output = await executor.ExecuteAsync(execution, cancellationToken).ConfigureAwait(false);

            // SkillRt's executors count their attempts; an added one that does not still made one.
            state.Attempts = Math.Max(state.Attempts, 1);

            if (usesModel)
            {
                state.ModelId ??= requestModel;
            }
            cost = EstimateCost(state);
            var duration = Stopwatch.GetElapsedTime(started);
            SkillRunnerLog.Completed(_logger, descriptor.Name, duration.TotalMilliseconds, state.Attempts, state.ModelId, state.InputTokens, state.OutputTokens);
            return new SkillRunResult<TOutput>(output, new SkillRunReport
            {
                SkillName = descriptor.Name,
                SkillVersion = descriptor.Version,
                Duration = duration,
                Attempts = state.Attempts,
                ModelId = state.ModelId,
                InputTokens = state.InputTokens,
                OutputTokens = state.OutputTokens,
                EstimatedCost = cost,
                Repairs = state.Repairs.ToArray(),
                ToolCalls = state.Tools?.Calls ?? 0,
                Warnings = state.Warnings.ToArray(),
            });
        }
        catch (Exception exception) when (deadline.Expired(exception, descriptor.Name) is { } timeout)
        {
            failure = timeout;
            outcome = SkillRunOutcome.Timeout;
            cost = EstimateCost(state);
            SkillRunnerLog.TimedOut(_logger, descriptor.Name, deadline.Timeout.TotalSeconds, state.Attempts);
            throw timeout;
        }
        catch (Exception exception)
        {
            failure = exception;
            outcome = SkillRunOutcome.Of(exception, callerToken);
            cost = EstimateCost(state);
            Log(descriptor, outcome, exception, Stopwatch.GetElapsedTime(started));
            if (exception is OperationCanceledException canceled && callerToken.IsCancellationRequested && canceled.CancellationToken != callerToken)
            {
                // The work saw the deadline's linked token; the caller should see its own.
                throw new OperationCanceledException(canceled.Message, canceled, callerToken);
            }

            throw;
        }
        finally
        {
            SkillTelemetry.RecordRun(activity, descriptor, outcome, failure, state, Stopwatch.GetElapsedTime(started), cost, _options.Prices.Currency);
        }
    }

    /// <summary>
    /// Writes the input as JSON and reads it back through the contract, so a typed input gets the
    /// same checks as JSON from outside (a null where a value is required, a relative URL, a json
    /// input that breaks its schema), every problem at once, before anything runs.
    /// </summary>
    private static JsonElement ReadInput<TInput, TOutput>(SkillContract<TInput, TOutput> skill, TInput input)
        where TInput : notnull
    {
        JsonElement json;
        try
        {
            json = skill.SerializeInput(input);
        }
        catch (ArgumentException exception)
        {
            // A typed input can hold what JSON cannot say, such as an enum value cast from an integer.
            throw new SkillInputException([new SkillViolation(string.Empty, "The input cannot be written as JSON: " + exception.Message)], skill.Descriptor.Name);
        }

        if (!skill.TryReadInput(json, out var checkedInput, out var violations))
        {
            throw new SkillInputException(violations, skill.Descriptor.Name);
        }

        // A JSON input comes back with its defaults applied.
        return checkedInput is JsonElement normalized ? normalized : json;
    }

    /// <summary>
    /// Stops the MCP servers the runner started and releases its network handler, when the runner
    /// built them itself (<see cref="Create"/> or the constructor); a container releases the ones it
    /// built. Runs still in progress fail; a disposed runner runs nothing more.
    /// </summary>
    /// <returns>A task that completes when every server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownedParts is not null)
        {
            await _ownedParts.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the MCP servers the runner started, waiting for them; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private decimal? EstimateCost(SkillRunState state) =>
        (state.InputTokens is not null || state.OutputTokens is not null) && _options.Prices.TryGetPrice(state.ModelId, out var price)
            ? price.CostOf(state.InputTokens ?? 0, state.OutputTokens ?? 0)
            : null;

    private void Log(SkillDescriptor descriptor, string outcome, Exception exception, TimeSpan duration)
    {
        switch (exception)
        {
            case SkillInputException input:
                SkillRunnerLog.Failed(_logger, descriptor.Name, outcome, duration.TotalMilliseconds, input.Violations.Count);
                break;
            case SkillOutputException output:
                SkillRunnerLog.Failed(_logger, descriptor.Name, outcome, duration.TotalMilliseconds, output.Violations.Count);
                break;
            case SkillDependencyException dependency:
                SkillRunnerLog.Failed(_logger, descriptor.Name, outcome, duration.TotalMilliseconds, dependency.Problems.Count);
                break;
            case SkillTemplateException:
                SkillRunnerLog.Failed(_logger, descriptor.Name, outcome, duration.TotalMilliseconds, 1);
                break;
            case OperationCanceledException when outcome == SkillRunOutcome.Cancelled:
                SkillRunnerLog.Cancelled(_logger, descriptor.Name, duration.TotalMilliseconds);
                break;
            default:
                SkillRunnerLog.Error(_logger, descriptor.Name, duration.TotalMilliseconds, exception);
                break;
        }
    }
}
