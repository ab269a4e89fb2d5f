using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Providers;

/// <summary>
/// Structured output for a server without a JSON-schema mode (<c>structured-output: prompt</c>): the
/// schema a call asks for goes into the instructions instead, and the response format is left free.
/// The answer is then checked, and repaired if need be, by SkillRt's runner like any other.
/// </summary>
internal sealed class PromptedJsonChatClient : DelegatingChatClient
{
    public PromptedJsonChatClient(IChatClient inner)
        : base(inner)
    {
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (prompted, promptedOptions) = Rewrite(messages, options);
        return base.GetResponseAsync(prompted, promptedOptions, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (prompted, promptedOptions) = Rewrite(messages, options);
        return base.GetStreamingResponseAsync(prompted, promptedOptions, cancellationToken);
    }

    internal static (IEnumerable<ChatMessage> Messages, ChatOptions? Options) Rewrite(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson json)
        {
            return (messages, options);
        }

        var instruction = json.Schema is { } schema
            ? "Answer with one JSON value and nothing else (no prose, no code fence). It must satisfy this JSON Schema:\n" + schema.GetRawText()
            : "Answer with one JSON value and nothing else (no prose, no code fence).";
        var rewritten = options.Clone();
        rewritten.ResponseFormat = null;
        // First: several chat templates (llama.cpp's among them) refuse a system message anywhere else.
        return (messages.Prepend(new ChatMessage(ChatRole.System, instruction)).ToList(), rewritten);
    }
}
