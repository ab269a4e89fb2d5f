using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>
/// A chat client that answers from a recording instead of a model: each call, streaming or not, gets
/// the next recorded response, in order.
/// </summary>
/// <example>
/// <code>
/// var recording = await ChatRecording.LoadAsync("Recordings/triage.json", cancellationToken);
/// using IChatClient client = new ReplayChatClient(recording, new ReplayOptions { MatchRequests = true });
/// </code>
/// </example>
/// <remarks>
/// Safe to call from several threads; each call takes the next exchange when it is made. Streaming
/// replays the text a word per update and ends with an update that carries the finish reason and the
/// usage (as <see cref="UsageContent"/>), as providers do, so code that reads streams is exercised.
/// </remarks>
public sealed class ReplayChatClient : IChatClient
{
    /// <summary>The provider name in this client's <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "skillrt-replay";

    private const int ExcerptLength = 60;

    private readonly ChatExchange[] _exchanges;
    private readonly string? _path;
    private readonly bool _matchRequests;
    private readonly ChatClientMetadata _metadata;
    private int _taken;

    /// <summary>Creates a client that replays <paramref name="recording"/>.</summary>
    /// <param name="recording">The recording, usually from <see cref="ChatRecording.LoadAsync"/>; later changes to it are not seen.</param>
    /// <param name="options">How to replay; by default, in order without comparing requests.</param>
    /// <exception cref="ChatRecordingException">The recording lacks a response or has an unsupported version.</exception>
    public ReplayChatClient(ChatRecording recording, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        recording.Validate();

        _exchanges = [.. recording.Exchanges];
        _path = recording.FilePath;
        _matchRequests = options?.MatchRequests ?? false;
        _metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: FirstModelId(_exchanges));
    }

    /// <summary>How many recorded exchanges have not been replayed yet.</summary>
    /// <remarks>Assert it is 0 at the end of a test to check the code made every recorded call.</remarks>
    public int RemainingExchangeCount => Math.Max(0, _exchanges.Length - Volatile.Read(ref _taken));

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Every exchange has been used.</exception>
    /// <exception cref="ReplayMismatchException">With <see cref="ReplayOptions.MatchRequests"/>, the messages differ from the recorded ones.</exception>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var recorded = TakeNext(messages, cancellationToken).Response;

        // Completes asynchronously, as a real client does, so callers' continuations run as they would in production.
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, recorded.Text))
        {
            ModelId = recorded.ModelId,
            FinishReason = recorded.ToFinishReason(),
            Usage = recorded.ToUsage(),
        };
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Every exchange has been used.</exception>
    /// <exception cref="ReplayMismatchException">With <see cref="ReplayOptions.MatchRequests"/>, the messages differ from the recorded ones.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var recorded = TakeNext(messages, cancellationToken).Response;

        foreach (var chunk in WordChunks.Split(recorded.Text))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ModelId = recorded.ModelId };
        }

        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var last = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = recorded.ModelId,
            FinishReason = recorded.ToFinishReason(),
        };
        if (recorded.ToUsage() is { } usage)
        {
            last.Contents.Add(new UsageContent(usage));
        }

        yield return last;
    }

    /// <inheritdoc />
    /// <remarks>Gives <see cref="ChatClientMetadata"/> with <see cref="ProviderName"/> and the first recorded model id.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the client holds no resources.</summary>
    public void Dispose()
    {
    }

    private ChatExchange TakeNext(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        // Checked first, so a call cancelled before it starts does not use up an exchange.
        cancellationToken.ThrowIfCancellationRequested();

        var index = Interlocked.Increment(ref _taken) - 1;
        if (index >= _exchanges.Length)
        {
            var exchanges = _exchanges.Length == 0 ? "has no exchanges" :
                _exchanges.Length == 1 ? "has 1 exchange and it was used" :
                $"has {_exchanges.Length} exchanges and all were used";
            throw new InvalidOperationException(
                $"{Subject()} {exchanges}; record again with RecordingChatClient or add an exchange.");
        }

        var exchange = _exchanges[index];
        if (_matchRequests)
        {
            Match(index + 1, exchange.Request?.Messages ?? [], messages);
        }

        return exchange;
    }

    private void Match(int exchangeNumber, IList<RecordedChatMessage> recorded, IEnumerable<ChatMessage> messages)
    {
        var sent = new List<RecordedChatMessage>();
        foreach (var message in messages)
        {
            sent.Add(RecordedChatMessage.From(message));
        }

        for (var i = 0; i < Math.Max(recorded.Count, sent.Count); i++)
        {
            var expected = i < recorded.Count ? recorded[i] : null;
            var actual = i < sent.Count ? sent[i] : null;
            if (expected is not null && actual is not null &&
                string.Equals(expected.Role, actual.Role, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(expected.Text, actual.Text, StringComparison.Ordinal))
            {
                continue;
            }

            var number = i + 1;
            string detail;
            if (expected is null)
            {
                detail = $"the request has {sent.Count} messages and the recording {recorded.Count}; message {number} is extra: {actual!.Role} {Excerpt(actual.Text, 0)}";
            }
            else if (actual is null)
            {
                detail = $"the request has {sent.Count} messages and the recording {recorded.Count}; recorded message {number} is missing: {expected.Role} {Excerpt(expected.Text, 0)}";
            }
            else if (!string.Equals(expected.Role, actual.Role, StringComparison.OrdinalIgnoreCase))
            {
                detail = $"message {number} has role '{actual.Role}', the recording '{expected.Role}'";
            }
            else
            {
                // Prompts are long; show where they part rather than both in full.
                var at = FirstDifference(expected.Text, actual.Text);
                detail = $"message {number} ({actual.Role}) differs at character {at + 1}: the recording has {Excerpt(expected.Text, at)}, the request {Excerpt(actual.Text, at)}";
            }

            throw new ReplayMismatchException(
                $"Request {exchangeNumber} does not match exchange {exchangeNumber} of {SubjectLower()}: {detail}. " +
                "If the prompt changed on purpose, record again with RecordingChatClient or edit the file; to replay without comparing requests, leave ReplayOptions.MatchRequests off.")
            {
                Path = _path,
                ExchangeNumber = exchangeNumber,
                MessageNumber = number,
            };
        }
    }

    private string Subject() => _path is null ? "The replay recording" : $"The replay file '{_path}'";

    private string SubjectLower() => _path is null ? "the replay recording" : $"the replay file '{_path}'";

    private static int FirstDifference(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return i;
            }
        }

        return length;
    }

    // A quoted window starting a little before the difference, with escapes so line breaks stay visible.
    private static string Excerpt(string text, int from)
    {
        var start = Math.Max(0, from - 10);
        var length = Math.Min(ExcerptLength, text.Length - start);
        var excerpt = text.Substring(start, length).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var before = start > 0 ? "…" : "";
        var after = start + length < text.Length ? "…" : "";
        return start + length == 0 && text.Length == 0 ? "\"\" (empty)" : $"\"{before}{excerpt}{after}\"";
    }

    private static string? FirstModelId(ChatExchange[] exchanges)
    {
        foreach (var exchange in exchanges)
        {
            if (!string.IsNullOrEmpty(exchange.Response.ModelId))
            {
                return exchange.Response.ModelId;
            }
        }

        return null;
    }
}
