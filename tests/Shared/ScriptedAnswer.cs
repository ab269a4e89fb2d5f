using Microsoft.Extensions.AI;

namespace SkillRt.Tests;

/// <summary>What <see cref="ScriptedChatClient"/> answers to one call.</summary>
internal sealed record ScriptedAnswer(string Text, string? ModelId, ChatFinishReason FinishReason, long InputTokens, long OutputTokens)
{
    /// <summary>A distinct answer per call (counted from 1), so tests can tell calls apart.</summary>
    public static ScriptedAnswer ForCall(int call) =>
        new($"Answer number {call}: don't panic, it's <fine>.", "fake-model-7", ChatFinishReason.Stop, 100 + call, 10 + call);
}
