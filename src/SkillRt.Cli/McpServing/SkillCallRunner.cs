using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Cli.Running;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// Runs the skills MCP clients call, each through its own <see cref="SkillRunner"/> set up exactly as
/// <c>skillrt run</c> sets one up (<see cref="SkillRunSetup"/>): the same model configuration, working
/// folder, MCP servers, installed skills, sandbox and time limit. Keeps count of the runs under way so
/// the server can wait for cancelled runs to tear down their sandboxes before it exits.
/// </summary>
internal sealed class SkillCallRunner
{
    private readonly SkillStore _store;
    private readonly ModelConfiguration? _model;
    private readonly string? _modelProblem;
    private readonly bool _noSandbox;
    private readonly TimeSpan _timeout;
    private readonly TextWriter _error;
    private readonly object _gate = new();
    private int _running;
    private TaskCompletionSource? _idle;

    public SkillCallRunner(SkillStore store, ModelConfiguration? model, string? modelProblem, bool noSandbox, TimeSpan timeout, TextWriter error)
    {
        _store = store;
        _model = model;
        _modelProblem = modelProblem;
        _noSandbox = noSandbox;
        _timeout = timeout;
        _error = error;
    }

    /// <summary>Whether a model is configured; without one only process and mcp-tool skills run.</summary>
    public bool HasModel => _model is not null;

    /// <summary>What to set for a model, when none is configured.</summary>
    public string? ModelProblem => _modelProblem;

    /// <summary>
    /// Runs <paramref name="skill"/> on a checked <paramref name="input"/>, reporting the run's updates to
    /// <paramref name="onUpdate"/> when given (the run then streams). A failure is thrown as the
    /// <see cref="CliException"/> <c>skillrt run</c> would print; cancellation as such.
    /// </summary>
    public async Task<JsonElement> RunAsync(SkillDefinition skill, JsonElement input, Func<SkillRunUpdate<JsonElement>, ValueTask>? onUpdate, CancellationToken cancellationToken)
    {
        if (_model is null && SkillRunSetup.RunsOnModel(skill))
        {
            throw new CliException(ExitCodes.NotConfigured, _modelProblem!);
        }

        Enter();
        try
        {
            var options = await SkillRunSetup.CreateOptionsAsync(skill, _store, _noSandbox, _timeout, cancellationToken).ConfigureAwait(false);
            using IChatClient chatClient = _model is null ? new UnconfiguredChatClient(_modelProblem!) : _model.CreateChatClient(_timeout, options.MaxAnswerLength);
            var runOptions = _model is null ? null : new SkillRunOptions { ModelId = _model.ModelId };
            await using var runner = new SkillRunner(chatClient, options, new StandardErrorLogger(_error));
            try
            {
                if (onUpdate is null)
                {
                    var result = await runner.RunAsync(skill.Contract, input, runOptions, cancellationToken).ConfigureAwait(false);
                    return result.Output;
                }

                await foreach (var update in runner.RunStreamingAsync(skill.Contract, input, runOptions, cancellationToken).ConfigureAwait(false))
                {
                    if (update.Kind == SkillRunUpdateKind.Completed && update.Result is { } completed)
                    {
                        return completed.Output;
                    }

                    await onUpdate(update).ConfigureAwait(false);
                }

                // The runner ends every successful stream with a Completed update; a failure is thrown instead.
                throw new InvalidOperationException("The run's stream ended without a result.");
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && RunFailures.Translate(exception, skill, _model) is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Completes once no run is under way (at once when none is).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    private void Enter()
    {
        lock (_gate)
        {
            _running++;
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_running == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }
}
