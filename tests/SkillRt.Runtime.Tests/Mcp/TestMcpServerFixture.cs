using System;
using System.Threading.Tasks;
using SkillRt.Mcp;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary>One pool with the test server as <c>test</c>, shared by a class's tests so the server starts once.</summary>
public sealed class TestMcpServerFixture : IAsyncDisposable
{
    public TestMcpServerFixture()
    {
        Servers.Add(TestMcpServer.Configuration());
        Pool = TestMcpServer.Pool(Servers);
    }

    public McpServerCollection Servers { get; } = new();

    internal McpClientPool Pool { get; }

    public ValueTask DisposeAsync() => Pool.DisposeAsync();
}
