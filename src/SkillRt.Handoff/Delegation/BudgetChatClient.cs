using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// The child's chat client as the runner sees it: every call, streamed or not, is read from the
/// model as a stream, counted chunk by chunk against the handoff's budget and stopped (the stream
/// disposed, which aborts the request) the moment a limit is passed.
/// </summary>
/// <remarks>
/// One instance per model serves every handoff on it (the runner built over it is cached); the
/// budget of the handoff in progress comes from <see cref="HandoffScope.Current"/>, which flows
/// with the handoff's async calls and nowhere else.
/// </remarks>
internal sealed class BudgetChatClient(IChatClient inner, string model) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Streamed even when the runner asks for the whole response: a non-streamed call could only be
        // judged after the provider had spent the tokens.
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var meter = HandoffScope.Current?.Meter;
        if (meter is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var messageList = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var call = meter.BeginCall(model, messageList);
        if (meter.RemainingOutputTokens is { } remaining && (options?.MaxOutputTokens is not { } asked || asked > remaining))
        {
            // The provider's own limit, so a well-behaved one stops by itself; the count below stops the rest.
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = remaining;
        }

        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken).ConfigureAwait(false))
            {
                // Throws when this chunk passes a limit; leaving the loop disposes the stream and aborts the request.
                call.Count(update);
                yield return update;
            }
        }
        finally
        {
            call.Commit();
        }
    }
}
