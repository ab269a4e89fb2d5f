using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tests;

/// <summary>
/// The in-memory chat client of SkillRt's unit tests: answers from a script (<see cref="Answer"/>, in
/// turn) or a function of the call, keeps every request, and streams in five-character pieces ending
/// with the finish reason and usage, as providers do. Switches make it hang, hold or break a call.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private const int PieceLength = 5;

    private readonly ConcurrentQueue<ScriptedAnswer> _answers = new();
    private readonly Func<IReadOnlyList<ChatMessage>, int, ScriptedAnswer>? _answerFor;
    private readonly List<ChatRequest> _requests = [];
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>A client that answers only what the test scripts with <see cref="Answer"/>; a call beyond the script fails.</summary>
    public ScriptedChatClient()
    {
    }

    /// <summary>A client that answers each call with <paramref name="answerFor"/>(its messages, its number counted from 1).</summary>
    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, int, ScriptedAnswer> answerFor)
    {
        _answerFor = answerFor;
    }

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<ChatRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every update streamed so far, in order.</summary>
    public ConcurrentQueue<ChatResponseUpdate> StreamedUpdates { get; } = new();

    /// <summary>When set, every call waits here until cancelled (for cancellation tests).</summary>
    public bool Hang { get; set; }

    /// <summary>Awaited (until cancelled) after the first streamed update, so tests can see updates arrive before the stream ends.</summary>
    public Task? HoldStreamAfterFirstUpdate { get; set; }

    /// <summary>Throws on this call (counted from 1), or mid-stream for streaming calls.</summary>
    public int? FailOnCall { get; set; }

    /// <summary>A random delay of up to this many milliseconds before answering, to mix up parallel calls.</summary>
    public int MaxDelayMilliseconds { get; set; }

    /// <summary>The token of the latest call.</summary>
    public CancellationToken LastToken { get; private set; }

    /// <summary>Completes when the first call has reached the client, with its token in <see cref="LastToken"/>: the moment to cancel.</summary>
    public Task Called => _called.Task;

    /// <summary>A client that answers call n with <see cref="ScriptedAnswer.ForCall"/>(n).</summary>
    public static ScriptedChatClient Numbered() => new((_, call) => ScriptedAnswer.ForCall(call));

    /// <summary>Scripts the next answer; answers are given in the order scripted.</summary>
    public ScriptedChatClient Answer(string text, string? modelId = "gpt-4.1-mini-2025-04-14", long inputTokens = 100, long outputTokens = 20, ChatFinishReason? finishReason = null)
    {
        _answers.Enqueue(new ScriptedAnswer(text, modelId, finishReason ?? ChatFinishReason.Stop, inputTokens, outputTokens));
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (call, received) = await ReceiveAsync(messages, options, cancellationToken);
        if (call == FailOnCall)
        {
            throw new InvalidOperationException($"The fake model fails call {call}.");
        }

        var answer = AnswerFor(received, call);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason,
            Usage = Usage(answer),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (call, received) = await ReceiveAsync(messages, options, cancellationToken);
        var answer = AnswerFor(received, call);
        var pieces = Enumerable.Range(0, (answer.Text.Length + PieceLength - 1) / PieceLength)
            .Select(i => answer.Text.Substring(i * PieceLength, Math.Min(PieceLength, answer.Text.Length - (i * PieceLength))))
            .ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (call == FailOnCall && i == 2)
            {
                throw new InvalidOperationException($"The fake model's stream breaks in call {call}.");
            }

            var update = new ChatResponseUpdate(ChatRole.Assistant, pieces[i]) { ModelId = answer.ModelId, MessageId = $"m{call}" };
            StreamedUpdates.Enqueue(update);
            yield return update;

            if (i == 0 && HoldStreamAfterFirstUpdate is { } hold)
            {
                // Bounded, so a test that never releases it fails instead of hanging the run.
                await hold.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            await Task.Yield();
        }

        var last = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            MessageId = $"m{call}",
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason,
            Contents = [new UsageContent(Usage(answer))],
        };
        StreamedUpdates.Enqueue(last);
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted-default") : null;

    public void Dispose()
    {
    }

    private static UsageDetails Usage(ScriptedAnswer answer) => new()
    {
        InputTokenCount = answer.InputTokens,
        OutputTokenCount = answer.OutputTokens,
        TotalTokenCount = answer.InputTokens + answer.OutputTokens,
    };

    // Counts and keeps the request, then waits as the switches say; returns the call's number and its messages.
    private async Task<(int Call, IReadOnlyList<ChatMessage> Messages)> ReceiveAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var received = messages.ToList();
        var call = Interlocked.Increment(ref _calls);
        LastToken = cancellationToken;
        lock (_requests)
        {
            _requests.Add(new ChatRequest([.. received.Select(m => new ChatMessage(m.Role, m.Text))], options?.Clone()));
        }

        _called.TrySetResult();

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (MaxDelayMilliseconds > 0)
        {
            await Task.Delay(Random.Shared.Next(MaxDelayMilliseconds), cancellationToken);
        }
        else
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return (call, received);
    }

    private ScriptedAnswer AnswerFor(IReadOnlyList<ChatMessage> messages, int call)
    {
        if (_answers.TryDequeue(out var scripted))
        {
            return scripted;
        }

        return _answerFor?.Invoke(messages, call)
            ?? throw new InvalidOperationException($"The test scripted no answer for request {call}.");
    }
}
