using System;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Registry;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt search</c>: the source it talks to, and the clear errors when that source is unknown,
/// down, or refuses the query.
/// </summary>
public sealed class SearchCommandTests : IClassFixture<RegistryServer>, IDisposable
{
    private readonly RegistryServer _server;
    private readonly SkillCli _cli = new();

    public SearchCommandTests(RegistryServer server) => _server = server;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_unknown_source_name_is_reported_with_the_sources_file()
    {
        Assert.Equal(0, (await _cli.RunAsync("sources", "add", "local", _server.Url)).ExitCode);

        var result = await _cli.RunAsync("search", "review", "--source", "nowhere");

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("skillrt: there is no source 'nowhere' in '", result.Error);
        Assert.Contains("(it lists local); add it with 'skillrt sources add nowhere <url>', or pass the registry's URL to --source.", result.Error);
    }

    [Fact]
    public async Task A_server_that_is_down_is_named_with_what_to_check()
    {
        using var closed = LoopbackPorts.ReserveClosed(out var port);

        var result = await _cli.RunAsync("search", "review", "--source", $"http://127.0.0.1:{port}");

        Assert.Equal(7, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"skillrt: cannot reach '127.0.0.1-{port}' (http://127.0.0.1:{port}/v3/index.json): ", line);
        Assert.EndsWith("Check the URL ('skillrt sources list') and that the server is running ('skillrt serve' starts one here).", line);
    }

    [Fact]
    public async Task A_query_of_10_KB_is_refused_in_one_line()
    {
        var query = string.Concat(Enumerable.Repeat("review ", 10 * 1024 / 7 + 1));

        var result = await _cli.RunAsync("search", query, "--source", _server.Url);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("skillrt: ", line);
        Assert.Contains("long", line);
    }

    [Fact]
    public async Task Out_of_range_paging_is_a_usage_error()
    {
        var result = await _cli.RunAsync("search", "review", "--take", "0", "--source", _server.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("skillrt: --take 0: take 1–100 results at a time, and page with --skip.\n", result.Error);
    }
}
