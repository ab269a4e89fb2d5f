using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Testing.Tests;

/// <summary>
/// Stands in for a real model behind <see cref="RecordingChatClient"/>: answers what a function says,
/// streams in small chunks ending with finish reason and usage, as providers do.
/// </summary>
internal sealed class FakeModelClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, int, FakeAnswer> _answer;
    private int _calls;

    public FakeModelClient(Func<IReadOnlyList<ChatMessage>, int, FakeAnswer>? answer = null)
    {
        _answer = answer ?? ((_, call) => FakeAnswer.ForCall(call));
    }

    /// <summary>Every update streamed so far, in order.</summary>
    public ConcurrentQueue<ChatResponseUpdate> StreamedUpdates { get; } = new();

    /// <summary>Throws on this call (counted from 1), or mid-stream for streaming calls.</summary>
    public int? FailOnCall { get; set; }

    /// <summary>Awaited after the first streamed update, so tests can see updates arrive before the stream ends.</summary>
    public Task? HoldStreamAfterFirstUpdate { get; set; }

    /// <summary>A random delay of up to this many milliseconds before answering, to mix up parallel calls.</summary>
    public int MaxDelayMilliseconds { get; set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        await DelayAsync(cancellationToken);
        if (call == FailOnCall)
        {
            throw new InvalidOperationException($"The fake model fails call {call}.");
        }

        var answer = _answer(messages.ToList(), call);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason,
            Usage = Usage(answer),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        await DelayAsync(cancellationToken);
        var answer = _answer(messages.ToList(), call);

        var chunks = Enumerable.Range(0, (answer.Text.Length + 4) / 5)
            .Select(i => answer.Text.Substring(i * 5, Math.Min(5, answer.Text.Length - (i * 5))))
            .ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (call == FailOnCall && i == 2)
            {
                throw new InvalidOperationException($"The fake model's stream breaks in call {call}.");
            }

            var update = new ChatResponseUpdate(ChatRole.Assistant, chunks[i]) { ModelId = answer.ModelId, MessageId = $"m{call}" };
            StreamedUpdates.Enqueue(update);
            yield return update;

            if (i == 0 && HoldStreamAfterFirstUpdate is { } hold)
            {
                await hold.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            await Task.Yield();
        }

        var last = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            MessageId = $"m{call}",
            FinishReason = answer.FinishReason,
            Contents = [new UsageContent(Usage(answer))],
        };
        StreamedUpdates.Enqueue(last);
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static UsageDetails Usage(FakeAnswer answer) => new()
    {
        InputTokenCount = answer.InputTokens,
        OutputTokenCount = answer.OutputTokens,
        TotalTokenCount = answer.InputTokens + answer.OutputTokens,
    };

    private async Task DelayAsync(CancellationToken cancellationToken)
    {
        if (MaxDelayMilliseconds > 0)
        {
            await Task.Delay(Random.Shared.Next(MaxDelayMilliseconds), cancellationToken);
        }
        else
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
