using System;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// A <see cref="SkillCli"/> for commands that call a model, and the loopback OpenAI chat server it is
/// pointed at once a test starts one (a test that needs no model never starts it). One per test.
/// </summary>
internal sealed class ModelServerCli : IAsyncDisposable
{
    private OpenAIChatServer? _server;

    /// <summary>The CLI, with its own store and working folder.</summary>
    public SkillCli Cli { get; } = new();

    /// <summary>
    /// Starts the server and points <see cref="Cli"/> at it: base address, its API key and the model
    /// <c>gpt-test</c>; stopped when this is disposed.
    /// </summary>
    public async Task<OpenAIChatServer> StartServerAsync()
    {
        _server = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        Cli.Environment["OPENAI_BASE_URL"] = _server.BaseAddress.ToString();
        Cli.Environment["OPENAI_API_KEY"] = OpenAIChatServer.ApiKey;
        Cli.Environment["SKILLRT_MODEL"] = "gpt-test";
        return _server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Cli.Dispose();
    }
}
