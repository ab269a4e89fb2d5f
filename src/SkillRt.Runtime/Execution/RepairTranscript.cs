using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkillRt.Execution;

/// <summary>
/// What a repair sends back of the rejected answer. A short answer goes back whole, so the model can
/// fix it in place; a long one goes back as its first part only, because the violations already say
/// what to fix and re-sending megabytes on every attempt costs memory, tokens and time for nothing.
/// </summary>
internal static class RepairTranscript
{
    /// <summary>Answers up to this many characters are sent back whole.</summary>
    public const int MaxRepeatedLength = 16 * 1024;

    /// <summary>How many characters of a longer answer are sent back.</summary>
    public const int ExcerptLength = 2 * 1024;

    /// <summary>Adds the response's messages to the conversation, each assistant text bounded by <see cref="Excerpt"/>.</summary>
    public static void Add(List<ChatMessage> messages, ChatResponse response)
    {
        foreach (var message in response.Messages)
        {
            messages.Add(Bounded(message));
        }
    }

    /// <summary>The assistant message that stands for an answer that was never kept whole (one over the answer limit).</summary>
    public static ChatMessage Answer(string excerpt) => new(ChatRole.Assistant, excerpt);

    /// <summary><paramref name="text"/> when short; otherwise its first <see cref="ExcerptLength"/> characters and how many were left out.</summary>
    public static string Excerpt(string text, long? totalLength = null)
    {
        var length = totalLength ?? text.Length;
        if (length <= MaxRepeatedLength && text.Length <= MaxRepeatedLength)
        {
            return text;
        }

        var cut = text.Length > ExcerptLength ? ExcerptLength : text.Length;

        // Never split a surrogate pair: half a character is not valid UTF-16 to send anywhere.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + string.Format(CultureInfo.InvariantCulture, "\n[… {0:N0} more characters of this answer are not repeated here]", length - cut);
    }

    private static ChatMessage Bounded(ChatMessage message)
    {
        if (message.Role != ChatRole.Assistant)
        {
            return message;
        }

        var textLength = message.Contents.OfType<TextContent>().Sum(text => (long)text.Text.Length);
        if (textLength <= MaxRepeatedLength)
        {
            return message;
        }

        // The text parts become one excerpt where the first was; calls and other contents stay. The raw
        // provider object is left behind, or an adapter could send the whole answer from it.
        var contents = new List<AIContent>();
        var excerptAdded = false;
        foreach (var content in message.Contents)
        {
            if (content is not TextContent)
            {
                contents.Add(content);
            }
            else if (!excerptAdded)
            {
                contents.Add(new TextContent(Excerpt(message.Text, textLength)));
                excerptAdded = true;
            }
        }

        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId };
    }
}
