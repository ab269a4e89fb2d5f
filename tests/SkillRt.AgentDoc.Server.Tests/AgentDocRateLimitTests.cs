using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.AgentDoc.Server.Tests;

/// <summary>The MCP endpoint spends the anonymous rate-limit budget like every endpoint of the server.</summary>
public sealed class AgentDocRateLimitTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["SkillRt:RateLimits:Anonymous:Burst"] = "3",
        ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "1",
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Anonymous_calls_beyond_the_budget_are_429()
    {
        using var http = _server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "mcp/agent-docs")
            {
                Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
