using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.AgentDoc.Tests.Mcp;

/// <summary>The real MCP client talking to the real doc server over an in-memory pipe pair (the SDK's stream transports).</summary>
internal sealed class InMemoryMcp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly McpServer _server;
    private readonly Task _running;

    private InMemoryMcp(McpServer server, McpClient client)
    {
        _server = server;
        Client = client;
        _running = server.RunAsync(_stop.Token);
    }

    public McpClient Client { get; private set; }

    public static async Task<InMemoryMcp> StartAsync(IAgentDocCatalog catalog, AgentDocToolOptions? options, CancellationToken cancellationToken)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var server = AgentDocMcpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "agent-doc-test"), catalog, options);
        McpClient? client = null;
        var started = new InMemoryMcp(server, null!);
        try
        {
            client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()), cancellationToken: cancellationToken);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        started.Client = client;
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        await _server.DisposeAsync();
        _stop.Dispose();
    }
}
