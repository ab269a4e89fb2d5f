using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Cli.Running;

/// <summary>
/// The chat client of a run without a configured model. Process and mcp-tool skills never call a
/// model, so they run without one; should anything ask this client for an answer, the run stops with
/// the same "set these variables" error a markdown skill gets up front.
/// </summary>
internal sealed class UnconfiguredChatClient(string problem) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing to release: no connection was ever made.
    }

    private CliException NotConfigured() => new(ExitCodes.NotConfigured, problem);
}
