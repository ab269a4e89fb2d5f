using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>A message of a recorded request: its role and its text.</summary>
/// <remarks>
/// Only text is kept (the message's <see cref="TextContent"/> parts, joined): images, function calls and
/// their results are not part of format version 1.
/// </remarks>
public sealed class RecordedChatMessage
{
    /// <summary>The role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The text of the message; empty when it had none.</summary>
    public string Text { get; set; } = "";

    internal static RecordedChatMessage From(ChatMessage message) =>
        new() { Role = message.Role.Value, Text = message.Text ?? "" };
}
