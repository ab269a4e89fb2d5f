using System;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Registry;

/// <summary>One real SkillRt server per test class (the program, as a process, on a free port), with its first administrator key.</summary>
public sealed class RegistryServer : IAsyncLifetime
{
    private ServerProcess? _server;

    internal ServerProcess Process => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The address users pass to <c>skillrt login</c>: the server's base URL.</summary>
    public string Url => Process.BaseUrl.ToString();

    /// <summary>The service index URL that <c>skillrt login</c> stores as the source.</summary>
    public string ServiceIndexUrl => Url + "v3/index.json";

    /// <summary>The first administrator's key: every scope.</summary>
    public string AdministratorKey => Process.AdministratorKey ?? throw new InvalidOperationException("The server printed no administrator key:\n" + Process.Output);

    public async ValueTask InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
