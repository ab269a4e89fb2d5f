using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Runtime.Tests.Infrastructure;

/// <summary>An in-memory chat client for unit tests: answers from a script and keeps every request.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<ScriptedAnswer> _answers = new();
    private readonly List<ChatRequest> _requests = [];
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>When set, every call waits here until cancelled (for cancellation tests).</summary>
    public bool Hang { get; set; }

    /// <summary>When set, a streamed answer stops after its first piece and waits there until cancelled.</summary>
    public bool StallAfterFirstPiece { get; set; }

    public CancellationToken LastToken { get; private set; }

    /// <summary>Completes when the first call has reached the client, with its token in <see cref="LastToken"/>: the moment to cancel.</summary>
    public Task Called => _called.Task;

    public ScriptedChatClient Answer(string text, string? modelId = "gpt-4.1-mini-2025-04-14", long inputTokens = 100, long outputTokens = 20, ChatFinishReason? finishReason = null)
    {
        _answers.Enqueue(new ScriptedAnswer(text, modelId, inputTokens, outputTokens, finishReason ?? ChatFinishReason.Stop));
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var answer = await NextAsync(messages, options, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
        {
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason,
            Usage = new UsageDetails { InputTokenCount = answer.InputTokens, OutputTokenCount = answer.OutputTokens },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answer = await NextAsync(messages, options, cancellationToken);
        var pieces = Split(answer.Text);
        foreach (var piece in pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = answer.ModelId };
            if (StallAfterFirstPiece)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = answer.ModelId,
            FinishReason = answer.FinishReason,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = answer.InputTokens, OutputTokenCount = answer.OutputTokens })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted-default") : null;

    public void Dispose()
    {
    }

    private async Task<ScriptedAnswer> NextAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        LastToken = cancellationToken;
        lock (_requests)
        {
            _requests.Add(new ChatRequest([.. messages.Select(m => new ChatMessage(m.Role, m.Text))], options?.Clone()));
        }

        _called.TrySetResult();

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return _answers.TryDequeue(out var answer)
            ? answer
            : throw new InvalidOperationException($"The test scripted no answer for request {Requests.Count}.");
    }

    private static List<string> Split(string text)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length; i += 7)
        {
            pieces.Add(text.Substring(i, Math.Min(7, text.Length - i)));
        }

        return pieces;
    }

    private sealed record ScriptedAnswer(string Text, string? ModelId, long InputTokens, long OutputTokens, ChatFinishReason FinishReason);
}

internal sealed record ChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>The skill's instructions: the first system message.</summary>
    public string System => Messages[0].Text;

    /// <summary>The output contract: the second system message, when there is one.</summary>
    public string? Contract => Messages.Count > 1 && Messages[1].Role == ChatRole.System ? Messages[1].Text : null;

    /// <summary>The first user message: the input, or the task.</summary>
    public string User => Messages.First(m => m.Role == ChatRole.User).Text;
}
