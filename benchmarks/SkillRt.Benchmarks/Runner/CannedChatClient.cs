using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Benchmarks.Runner;

/// <summary>
/// An <see cref="IChatClient"/> that answers every request with the same valid <c>pr-review</c> output, so a
/// benchmark over it measures the runner around the model and not the model. It does not look at the request:
/// a real client would serialize it, which no runner under test is charged for.
/// </summary>
public sealed class CannedChatClient : IChatClient
{
    /// <summary>The model id every response carries.</summary>
    public const string ModelId = "canned-model";

    /// <summary>Input tokens every response reports.</summary>
    public const long InputTokens = 850;

    /// <summary>Output tokens every response reports.</summary>
    public const long OutputTokens = 120;

    /// <summary>The verdict of <see cref="ResponseText"/>.</summary>
    public const string ExpectedVerdict = "request-changes";

    /// <summary>How many findings <see cref="ResponseText"/> holds.</summary>
    public const int ExpectedFindingCount = 3;

    /// <summary>
    /// A valid output for <c>examples/pr-review/SKILL.md</c>: one major finding (hence <c>request-changes</c>),
    /// one minor, one info; line and suggestion present on some findings only.
    /// </summary>
    public const string ResponseText =
        """
        {"summary":"Adds retry support to the HTTP client and a settings page for it. The retry loop is sound, but the delay ignores the Retry-After header and one new endpoint skips authorization.","verdict":"request-changes","findings":[{"file":"src/Api/SettingsController.cs","line":42,"severity":"major","message":"The new PUT /settings/retry endpoint has no [Authorize] attribute, so any caller can change retry limits.","suggestion":"[Authorize(Policy = \"Admin\")]"},{"file":"src/Http/RetryHandler.cs","line":88,"severity":"minor","message":"The delay ignores a Retry-After header, so the client can retry sooner than the server allows."},{"file":"docs/retries.md","severity":"info","message":"The table of defaults lists 5 attempts; the code uses 3."}]}
        """;

    // The streamed form: the same text in a few pieces, cut once.
    private static readonly string[] StreamChunks = Split(ResponseText, 3);

    private static readonly ChatClientMetadata Metadata = new("canned", providerUri: null, defaultModelId: ModelId);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A fresh response per call, as a real client builds one per call; the text itself is shared.
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, ResponseText))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = CreateUsage(),
        });
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamAsync(cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Completes synchronously, like a client whose bytes have already arrived.
        await Task.CompletedTask.ConfigureAwait(false);

        for (var i = 0; i < StreamChunks.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = new ChatResponseUpdate(ChatRole.Assistant, StreamChunks[i]) { ModelId = ModelId };
            if (i == StreamChunks.Length - 1)
            {
                update.FinishReason = ChatFinishReason.Stop;
                update.Contents.Add(new UsageContent(CreateUsage()));
            }

            yield return update;
        }
    }

    private static UsageDetails CreateUsage() => new()
    {
        InputTokenCount = InputTokens,
        OutputTokenCount = OutputTokens,
        TotalTokenCount = InputTokens + OutputTokens,
    };

    private static string[] Split(string text, int pieces)
    {
        var chunks = new string[pieces];
        var size = (text.Length + pieces - 1) / pieces;
        for (var i = 0; i < pieces; i++)
        {
            var start = Math.Min(i * size, text.Length);
            chunks[i] = text.Substring(start, Math.Min(size, text.Length - start));
        }

        return chunks;
    }
}
