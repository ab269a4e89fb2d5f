using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>
/// A chat client that passes every call to a real one and records each exchange to a replay file, for
/// <see cref="ReplayChatClient"/> to give back in tests that run without a model.
/// </summary>
/// <remarks>
/// <para>
/// Each recorder starts a new recording: the file is replaced after the first completed exchange, and
/// written again, whole and atomically, after each one that follows, so a crash loses nothing already
/// recorded. Calls may run in parallel; exchanges are recorded in the order they complete.
/// </para>
/// <para>
/// The file holds the request messages (role and text), the options that shape the answer (model,
/// temperature, output-token limit, response format and schema) and the response (text, model, finish
/// reason, token counts). It never holds HTTP headers, endpoints or API keys: those live inside the
/// provider's client, below the <see cref="IChatClient"/> layer this class sees. The text itself is
/// recorded as sent, so keep secrets out of prompts you record.
/// </para>
/// </remarks>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly ChatRecording _recording = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Creates a recorder.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="path">The replay file to write; its folder is created when missing.</param>
    public RecordingChatClient(IChatClient innerClient, string path)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The full path of the replay file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sent = AsList(messages);
        var request = RecordedChatRequest.From(sent, options);

        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        await RecordAsync(request, response).ConfigureAwait(false);
        return response;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Updates are passed on as they arrive. The combined response is recorded when the stream ends, and
    /// also when the caller stops reading early (it is what the caller saw, so replay stays in step); a
    /// stream that fails or is cancelled is not recorded.
    /// </remarks>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sent = AsList(messages);
        var request = RecordedChatRequest.From(sent, options);

        var updates = new List<ChatResponseUpdate>();
        var innerFailed = false;
        var enumerator = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                // Only failures of the inner stream count: the caller stopping early is not a failure.
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch
                {
                    innerFailed = true;
                    throw;
                }

                updates.Add(enumerator.Current);
                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            if (!innerFailed)
            {
                await RecordAsync(request, updates.ToChatResponse()).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writeGate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task RecordAsync(RecordedChatRequest request, ChatResponse response)
    {
        var exchange = new ChatExchange { Request = request, Response = RecordedChatResponse.From(response) };

        // Not the caller's token: the exchange has happened and was paid for, so a caller cancelling now
        // must not lose it. One writer at a time, so the file always holds every exchange added before it.
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _recording.Exchanges.Add(exchange);
            await _recording.SaveAsync(Path, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Enumerated once: a lazy sequence could yield different messages to the recorder and the model.
    private static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages) =>
        messages as IReadOnlyList<ChatMessage> ?? [.. messages];
}
