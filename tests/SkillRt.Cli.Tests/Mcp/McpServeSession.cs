using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using Xunit;

namespace SkillRt.Cli.Tests.Mcp;

/// <summary>
/// <c>skillrt mcp serve</c> started as the real process by the MCP SDK's own stdio client transport, with
/// its standard error collected line by line and a way to wait for a given line.
/// </summary>
internal sealed class McpServeSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly object _gate = new();

    private McpServeSession()
    {
    }

    public McpClient Client { get; private set; } = null!;

    /// <summary>Every line the server wrote on standard error so far.</summary>
    public IReadOnlyList<string> ErrorLines => _lines.ToArray();

    /// <param name="cli">The CLI to start.</param>
    /// <param name="args">The arguments after <c>mcp serve</c>.</param>
    /// <param name="cancellationToken">Stops the handshake.</param>
    /// <param name="protocolVersion">
    /// The protocol revision to ask for; by default the SDK's newest (2026-07-28, per-request metadata, where
    /// list_changed reaches only clients that called subscriptions/listen).
    /// </param>
    public static async Task<McpServeSession> StartAsync(SkillCli cli, string[] args, CancellationToken cancellationToken, string? protocolVersion = null)
    {
        var session = new McpServeSession();
        var start = cli.CreateStartInfo(["mcp", "serve", .. args]);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "skillrt",
            Command = start.FileName,
            Arguments = start.ArgumentList.ToList(),
            WorkingDirectory = start.WorkingDirectory,
            EnvironmentVariables = cli.Environment,
            StandardErrorLines = session.OnLine,
        });
        session.Client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: cancellationToken);
        return session;
    }

    /// <summary>The first line (already written or still to come) that <paramref name="match"/> accepts.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();

    private void OnLine(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            foreach (var (match, seen) in _waiters.Where(w => w.Match(line)).ToList())
            {
                seen.TrySetResult(line);
            }
        }
    }
}
