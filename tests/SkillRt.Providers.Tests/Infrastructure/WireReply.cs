namespace SkillRt.Providers.Tests.Infrastructure;

/// <summary>What <see cref="ProviderWireServer"/> answers to one chat request, written in the protocol of the path it came on.</summary>
internal abstract record WireReply
{
    /// <summary>An assistant message with text; streamed in <paramref name="Chunks"/> pieces when the request asks for a stream.</summary>
    public sealed record Text(string Content, int InputTokens = 11, int OutputTokens = 7, int Chunks = 3) : WireReply;

    /// <summary>An assistant message asking for one tool call.</summary>
    public sealed record ToolCall(string Name, string ArgumentsJson, int InputTokens = 20, int OutputTokens = 9) : WireReply;

    /// <summary>An error in the provider's error shape, with an optional Retry-After in seconds.</summary>
    public sealed record Error(int Status, string Message, int? RetryAfterSeconds = null) : WireReply;
}
