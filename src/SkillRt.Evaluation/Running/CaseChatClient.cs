using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Evaluation;

/// <summary>
/// The one chat client the suite's runner is built on, passing each call to the current trial's client
/// (a fresh replay, a recorder or the live model). One runner for the whole suite keeps MCP servers and
/// other parts it starts alive across cases; trials run one after another, so one slot is enough.
/// </summary>
internal sealed class CaseChatClient(IChatClient? live, string noModelProblem) : IChatClient
{
    private IChatClient? _current;

    /// <summary>The client the next calls go to; null sends them to the "no model" failure.</summary>
    public IChatClient? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Target().GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Target().GetStreamingResponseAsync(messages, options, cancellationToken);

    // The runner reads the provider and default model once, when it is built: those of the live model, if any.
    public object? GetService(Type serviceType, object? serviceKey = null) => live?.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // The live model belongs to the caller; replays and recorders are disposed by the trial that made them.
    }

    private IChatClient Target() => Current ?? throw new InvalidOperationException(noModelProblem);
}
