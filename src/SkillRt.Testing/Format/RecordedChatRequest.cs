using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>The request of a recorded exchange: the messages sent and the options that shape the answer.</summary>
public sealed class RecordedChatRequest
{
    /// <summary>The messages, in order, as role and text.</summary>
    public IList<RecordedChatMessage> Messages { get; set; } = new List<RecordedChatMessage>();

    /// <summary>The options that shape the answer; <see langword="null"/> when none were given.</summary>
    public RecordedChatOptions? Options { get; set; }

    /// <summary>Captures a request before it is sent, so later changes to the caller's list are not recorded.</summary>
    internal static RecordedChatRequest From(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var recorded = new List<RecordedChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            recorded.Add(RecordedChatMessage.From(message));
        }

        return new RecordedChatRequest { Messages = recorded, Options = RecordedChatOptions.From(options) };
    }
}
