using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SkillRt.Mcp;

/// <summary>
/// The MCP servers a runner knows, as clients started on first use, shared by every run and
/// disposed with the runner.
/// </summary>
/// <remarks>
/// One client per server: the first caller starts it and every concurrent caller awaits the same
/// start. The start runs on the pool's own time limit (<see cref="ConnectTimeout"/>), not on the
/// caller's token, so one run giving up does not fail the start for the others. A start that failed
/// and a server that has since exited are not kept: the next caller starts the server again.
/// </remarks>
internal sealed class McpClientPool : IAsyncDisposable, IDisposable
{
    /// <summary>How long a server may take to start and initialize unless <see cref="ConnectTimeout"/> says otherwise.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    private const string UnexpectedExit = "MCP server process exited unexpectedly";

    private static readonly Implementation ClientInfo = new()
    {
        Name = "SkillRt",
        Version = typeof(McpClientPool).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

    private readonly McpServerCollection _servers;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, McpConnection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private bool _disposed;

    public McpClientPool(McpServerCollection servers, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _servers = servers;
        _loggerFactory = loggerFactory;
        _logger = (ILogger?)loggerFactory?.CreateLogger("SkillRt.Mcp") ?? NullLogger.Instance;
    }

    /// <summary>How long a server may take to start and answer the initialization; 30 seconds by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>The clock <see cref="ConnectTimeout"/> runs on; tests replace it to reach the limit when they choose.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a stdio server may take to exit once its input is closed before it is killed; 5 seconds by default.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a server of this name is configured.</summary>
    public bool IsConfigured(string name) => _servers.Contains(name);

    /// <summary>
    /// Starts (once) and initializes the server's client: <see langword="null"/> when it is reachable,
    /// otherwise the reason in one line, such as "could not start 'npx': No such file or directory".
    /// </summary>
    public async Task<string?> CheckReachableAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsConfigured(name))
        {
            return NotConfigured(name);
        }

        try
        {
            await GetClientAsync(name, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            return DescribeFailure(name, e);
        }
    }

    /// <summary>The server's initialized client, started on first use and shared by every caller.</summary>
    /// <exception cref="InvalidOperationException">No server of this name is configured.</exception>
    /// <exception cref="TimeoutException">The server did not start and initialize within <see cref="ConnectTimeout"/>.</exception>
    public async Task<McpClient> GetClientAsync(string name, CancellationToken cancellationToken) =>
        await GetConnection(name).Client.WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The server's tools as functions a model can call (<see cref="McpClientTool"/>s), listed once per started server.</summary>
    public async Task<IReadOnlyList<AIFunction>> GetToolsAsync(string name, CancellationToken cancellationToken)
    {
        var connection = GetConnection(name);
        var client = await connection.Client.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (connection.Tools is { } tools)
        {
            return tools;
        }

        // Two first callers may both list; the lists are the same and the first one stored wins.
        var listed = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        connection.Tools ??= listed.ToArray<AIFunction>();
        return connection.Tools;
    }

    /// <summary>Why a server could not be used, in one line that follows "MCP server 'x' is not reachable: ".</summary>
    public string DescribeFailure(string name, Exception exception)
    {
        _servers.TryGet(name, out var server);
        var reason = exception switch
        {
            InvalidOperationException when server is null => NotConfigured(name),
            TimeoutException => $"it did not start and initialize within {ConnectTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
            ClientTransportClosedException { Details: StdioClientCompletionDetails details } => Exited(details.ExitCode, details.StandardErrorTail),
            IOException io when io.Message.StartsWith(UnexpectedExit, StringComparison.Ordinal) => Exited(io.Message),
            _ when server?.Url is { } url && Find<HttpRequestException>(exception) is { } http => $"could not connect to {url}: {http.Message}",
            // Checked after HTTP: a SocketException is a Win32Exception too.
            _ when server?.Command is { } command && Find<Win32Exception>(exception) is { } start => $"could not start '{command}': {start.Message}",
            McpProtocolException protocol => $"it refused the initialization: {protocol.Message}",
            _ => exception.Message,
        };

        return OneLine(reason);
    }

    // A container disposed without await (provider.Dispose()) needs IDisposable on every service it built.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        McpConnection[] connections;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        // Starts still under way stop now; started clients close their transports, which ends stdio children.
        await _disposing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(connections.Select(c => DisposeClientAsync(c.Client))).ConfigureAwait(false);
        _disposing.Dispose();
    }

    private McpConnection GetConnection(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Task<McpClient>? stale = null;
        McpConnection connection;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connections.TryGetValue(name, out var existing) && !existing.IsBroken)
            {
                return existing;
            }

            if (!_servers.TryGet(name, out var server))
            {
                throw new InvalidOperationException(char.ToUpperInvariant(NotConfigured(name)[0]) + NotConfigured(name)[1..] + ".");
            }

            if (existing is { Client.IsCompletedSuccessfully: true })
            {
                McpLog.Stopped(_logger, name);
                stale = existing.Client;
            }

            // Started off the lock: creating the transport starts the process.
            connection = new McpConnection(Task.Run(() => StartAsync(server)));
            _connections[name] = connection;
        }

        if (stale is not null)
        {
            _ = DisposeClientAsync(stale);
        }

        return connection;
    }

    private async Task<McpClient> StartAsync(McpServerConfiguration server)
    {
        McpLog.Starting(_logger, server.Name, server.Transport);
        var started = TimeProvider.GetTimestamp();
        using var limit = new CancellationTokenSource(ConnectTimeout, TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token, limit.Token);
        try
        {
            // The SDK's own initialization limit runs on the wall clock; ours runs on TimeProvider, and both are ConnectTimeout.
            var options = new McpClientOptions { ClientInfo = ClientInfo, InitializationTimeout = ConnectTimeout };
            var client = await McpClient.CreateAsync(CreateTransport(server), options, _loggerFactory, timeout.Token).ConfigureAwait(false);
            McpLog.Started(_logger, server.Name, $"{client.ServerInfo?.Name} {client.ServerInfo?.Version}".Trim(), TimeProvider.GetElapsedTime(started).TotalMilliseconds);
            return client;
        }
        catch (OperationCanceledException e) when (!_disposing.IsCancellationRequested)
        {
            // The SDK disposes a client that failed to initialize, which ends a stdio child.
            var error = new TimeoutException($"MCP server '{server.Name}' did not start and initialize within {ConnectTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.", e);
            McpLog.StartFailed(_logger, server.Name, DescribeFailure(server.Name, error), error);
            throw error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            McpLog.StartFailed(_logger, server.Name, DescribeFailure(server.Name, e), e);
            throw;
        }
    }

    private IClientTransport CreateTransport(McpServerConfiguration server)
    {
        if (server.Url is { } url)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Name = server.Name,
                    Endpoint = url,
                    // Streamable HTTP first, then HTTP with SSE: "http" and "sse" entries both work.
                    TransportMode = HttpTransportMode.AutoDetect,
                    AdditionalHeaders = new Dictionary<string, string>(server.Headers, StringComparer.OrdinalIgnoreCase),
                    ConnectionTimeout = ConnectTimeout,
                },
                _loggerFactory);
        }

        var name = server.Name;
        var stdio = new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = name,
                Command = server.Command!,
                Arguments = [.. server.Arguments],
                WorkingDirectory = server.WorkingDirectory,
                EnvironmentVariables = new Dictionary<string, string?>(server.Environment, StringComparer.Ordinal),
                StandardErrorLines = line => McpLog.StandardError(_logger, name, line),
                ShutdownTimeout = ShutdownTimeout,
            },
            _loggerFactory);
        return new StdioExitTransport(stdio, ShutdownTimeout);
    }

    private static async Task DisposeClientAsync(Task<McpClient> start)
    {
        try
        {
            var client = await start.ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A start that failed left nothing running, and a failing shutdown has nothing left to release.
        }
    }

    private static string NotConfigured(string name) =>
        $"no MCP server named '{name}' is configured; add it to .mcp.json or mcp.json (under \"mcpServers\") or to SkillRunnerOptions.McpServers";

    private static string Exited(int? exitCode, IEnumerable<string>? standardErrorTail)
    {
        var reason = exitCode is { } code
            ? $"the server exited with code {code.ToString(CultureInfo.InvariantCulture)}"
            : "the server closed its output";
        var stderr = standardErrorTail?.Where(line => !string.IsNullOrWhiteSpace(line)).TakeLast(3).ToArray();
        return stderr is { Length: > 0 } ? reason + "; its last error output: " + string.Join(" | ", stderr) : reason;
    }

    // When the server exits while the client is still writing, the SDK throws an IOException whose message
    // holds what ClientTransportClosedException would: "... (exit code: 3)", then "Server's stderr tail:" and the lines.
    private static string Exited(string message)
    {
        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var codeStart = lines[0].IndexOf("(exit code: ", StringComparison.Ordinal);
        int? exitCode = codeStart >= 0 && int.TryParse(lines[0].AsSpan(codeStart + 12).TrimEnd(')'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        var tailStart = Array.FindIndex(lines, line => line.StartsWith("Server's stderr tail:", StringComparison.Ordinal));
        return Exited(exitCode, tailStart < 0 ? null : lines[(tailStart + 1)..]);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 500 ? line[..500] + "…" : line;
    }
}
