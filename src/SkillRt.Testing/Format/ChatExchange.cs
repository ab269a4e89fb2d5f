using System.Text.Json.Serialization;

namespace SkillRt.Testing;

/// <summary>One call to a chat client: what it was asked and what it answered.</summary>
public sealed class ChatExchange
{
    /// <summary>The request; may be left empty in hand-written files that do not match requests.</summary>
    public RecordedChatRequest Request { get; set; } = new();

    /// <summary>The response replay gives back.</summary>
    /// <remarks>Required in files: an exchange without one is a mistake, not an empty answer.</remarks>
    [JsonRequired]
    public RecordedChatResponse Response { get; set; } = new();
}
