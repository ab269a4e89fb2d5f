using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace SkillRt.Tests;

/// <summary>One request <see cref="ScriptedChatClient"/> received: its messages (role and text) and a copy of its options.</summary>
internal sealed record ChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>The skill's instructions: the first system message.</summary>
    public string System => Messages[0].Text;

    /// <summary>The output contract: the second system message, when there is one.</summary>
    public string? Contract => Messages.Count > 1 && Messages[1].Role == ChatRole.System ? Messages[1].Text : null;

    /// <summary>The first user message: the input, or the task.</summary>
    public string User => Messages.First(m => m.Role == ChatRole.User).Text;
}
