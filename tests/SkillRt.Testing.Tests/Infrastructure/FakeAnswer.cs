using Microsoft.Extensions.AI;

namespace SkillRt.Testing.Tests;

/// <summary>What <see cref="FakeModelClient"/> answers to one call.</summary>
internal sealed record FakeAnswer(string Text, string ModelId, ChatFinishReason FinishReason, long InputTokens, long OutputTokens)
{
    /// <summary>A distinct answer per call, so tests can tell calls apart.</summary>
    public static FakeAnswer ForCall(int call) =>
        new($"Answer number {call}: don't panic, it's <fine>.", "fake-model-7", ChatFinishReason.Stop, 100 + call, 10 + call);
}
