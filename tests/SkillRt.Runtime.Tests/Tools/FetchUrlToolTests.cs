using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary><c>fetch_url</c> against a real server on 127.0.0.1: hosts, ports and every redirect hop checked.</summary>
public sealed class FetchUrlToolTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();
    private readonly CannedHttpServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    private string Port => _server.Port.ToString(CultureInfo.InvariantCulture);

    private Microsoft.Extensions.AI.AIFunction Tool(params string[] network) => ToolFixture.Tool(_fixture.Context(network: network), "fetch_url");

    private static async Task<JsonElement> FetchAsync(Microsoft.Extensions.AI.AIFunction tool, string url, string extra = "") =>
        (JsonElement)(await ToolFixture.CallAsync(tool, "{\"url\":" + ToolFixture.Json(url) + extra + "}"))!;

    [Fact]
    public async Task Fetches_from_an_allowed_host()
    {
        _server.Respond("/hello", 200, "text/plain; charset=utf-8", "héllo");

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/hello");

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Equal("text/plain; charset=utf-8", result.GetProperty("content_type").GetString());
        Assert.Equal("héllo", result.GetProperty("body").GetString());
        Assert.Equal(_server.Origin + "/hello", result.GetProperty("url").GetString());
        Assert.False(result.TryGetProperty("note", out _));
    }

    [Fact]
    public async Task Allowed_host_and_port_together()
    {
        _server.Respond("/", 200, "application/json", "{\"ok\":true}");

        var result = await FetchAsync(Tool("127.0.0.1:" + Port), _server.Origin + "/");

        Assert.Equal("{\"ok\":true}", result.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Error_statuses_are_results_not_failures()
    {
        var result = await FetchAsync(Tool("*"), _server.Origin + "/missing");

        Assert.Equal(404, result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Refuses_a_host_that_is_not_listed_without_connecting()
    {
        var denied = await ToolFixture.DeniedAsync(Tool("api.github.com", "*.example.com"), "{\"url\":" + ToolFixture.Json(_server.Origin + "/x") + "}", "network");

        Assert.Equal($"the host '127.0.0.1' (port {Port}) is not in permissions.network (allowed: api.github.com, *.example.com).", denied.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Refuses_another_port()
    {
        await ToolFixture.DeniedAsync(Tool("127.0.0.1:1"), "{\"url\":" + ToolFixture.Json(_server.Origin + "/x") + "}", "network");

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("file:///etc/passwd")]
    public async Task Other_schemes_are_argument_errors(string url)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(Tool("*"), "{\"url\":" + ToolFixture.Json(url) + "}"));

        Assert.Contains("http or https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follows_redirects_to_allowed_hosts()
    {
        _server.Redirect("/a", "/b", 301).Redirect("/b", _server.Origin + "/c", 307).Respond("/c", 200, "text/plain", "done");

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/a");

        Assert.Equal("done", result.GetProperty("body").GetString());
        Assert.Equal(_server.Origin + "/c", result.GetProperty("url").GetString());
        Assert.Equal(["GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /c HTTP/1.1"], _server.Requests);
    }

    [Fact]
    public async Task Refuses_a_redirect_to_a_host_that_is_not_listed()
    {
        // localhost is this very server, so a request that slipped through would show in Requests.
        _server.Redirect("/a", $"http://localhost:{Port}/secret").Respond("/secret", 200, "text/plain", "secret");

        var denied = await ToolFixture.DeniedAsync(Tool("127.0.0.1"), "{\"url\":" + ToolFixture.Json(_server.Origin + "/a") + "}", "network");

        Assert.Equal(
            $"{_server.Origin}/a redirected to http://localhost:{Port}/secret: the host 'localhost' (port {Port}) is not in permissions.network (allowed: 127.0.0.1).",
            denied.Message);
        Assert.Equal(["GET /a HTTP/1.1"], _server.Requests);
    }

    [Fact]
    public async Task Refuses_a_redirect_to_another_scheme()
    {
        _server.Redirect("/a", "file:///etc/passwd");

        var denied = await ToolFixture.DeniedAsync(Tool("*"), "{\"url\":" + ToolFixture.Json(_server.Origin + "/a") + "}", "network");

        Assert.Contains("only http and https", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_after_five_redirects()
    {
        for (var i = 0; i < 10; i++)
        {
            _server.Redirect("/r" + i, "/r" + (i + 1));
        }

        var error = await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => FetchAsync(Tool("127.0.0.1"), _server.Origin + "/r0"));

        Assert.Contains("more than 5 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, _server.Requests.Count);
    }

    [Fact]
    public async Task See_other_after_a_post_continues_with_get()
    {
        _server.Redirect("/form", "/done", 303).Respond("/done", 200, "text/plain", "ok");

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/form", ",\"method\":\"post\",\"body\":\"{}\"");

        Assert.Equal("ok", result.GetProperty("body").GetString());
        Assert.Equal(["POST /form HTTP/1.1", "GET /done HTTP/1.1"], _server.Requests);
    }

    [Fact]
    public async Task Caps_long_bodies_and_says_so()
    {
        _server.Respond("/big", 200, "text/plain", new string('x', BuiltinTool.MaxTextBytes + 1000));

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/big");

        Assert.Equal(BuiltinTool.MaxTextBytes, result.GetProperty("body").GetString()!.Length);
        Assert.Contains("only the first 256 KB", result.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_show_binary_bodies()
    {
        _server.Respond("/img", 200, "image/png", [0x89, 0x50, 0x4E, 0x47, 0x00]).Respond("/raw", 200, "text/plain", [0x41, 0x00, 0x42]);

        var image = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/img");
        var raw = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/raw");

        Assert.False(image.TryGetProperty("body", out _));
        Assert.Contains("binary (image/png)", image.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.False(raw.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Decodes_a_declared_charset()
    {
        _server.Respond("/latin1", 200, "text/plain; charset=iso-8859-1", [0x63, 0x61, 0x66, 0xE9]);

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/latin1");

        Assert.Equal("café", result.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Head_has_no_body()
    {
        _server.Respond("/h", 200, "text/plain", "body");

        var result = await FetchAsync(Tool("127.0.0.1"), _server.Origin + "/h", ",\"method\":\"HEAD\"");

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.False(result.TryGetProperty("body", out _));
        Assert.Equal(["HEAD /h HTTP/1.1"], _server.Requests);
    }

    [Theory]
    [InlineData("{\"url\":\"not a url\"}")]
    [InlineData("{\"url\":\"/relative\"}")]
    [InlineData("{\"url\":\"http://127.0.0.1/\",\"method\":\"TRACE\"}")]
    [InlineData("{}")]
    public async Task Bad_arguments_are_argument_errors(string arguments)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(Tool("*"), arguments));
        Assert.Empty(_server.Requests);
    }
}
