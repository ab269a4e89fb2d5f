using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Registry;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt login</c> and <c>logout</c> against a real server: a key is stored (mode 0600) only
/// after the server accepted it, and a refused key stores nothing.
/// </summary>
public sealed class LoginCommandTests : IClassFixture<RegistryServer>, IDisposable
{
    private readonly RegistryServer _server;
    private readonly SkillCli _cli = new();

    public LoginCommandTests(RegistryServer server) => _server = server;

    public void Dispose() => _cli.Dispose();

    private string CredentialsPath => Path.Combine(_cli.ConfigHome, "credentials.json");

    private string SourcesPath => Path.Combine(_cli.ConfigHome, "sources.json");

    private static void AssertOwnerOnly(string path)
    {
        Assert.True(File.Exists(path), path + " does not exist");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Login_checks_the_key_then_stores_it_readable_by_the_owner_only_and_makes_the_first_source_the_default()
    {
        var result = await _cli.RunWithInputAsync(_server.AdministratorKey + "\n", "login", _server.Url, "--name", "local", "--key-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Logged in to 'local' ({_server.ServiceIndexUrl}) as 'admin'.", result.Output);
        Assert.Contains("'local' is the default source.", result.Output);
        AssertOwnerOnly(CredentialsPath);
        Assert.Contains(_server.AdministratorKey, File.ReadAllText(CredentialsPath));
        Assert.DoesNotContain(_server.AdministratorKey, File.ReadAllText(SourcesPath));

        var list = await _cli.RunAsync("sources", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.Output);
        Assert.Equal("local", json.RootElement.GetProperty("defaultSource").GetString());
        var source = Assert.Single(json.RootElement.GetProperty("sources").EnumerateArray());
        Assert.Equal(_server.ServiceIndexUrl, source.GetProperty("url").GetString());
        Assert.True(source.GetProperty("hasKey").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_one_line_and_nothing_is_stored()
    {
        var result = await _cli.RunWithInputAsync("skr_not-a-key-this-server-issued\n", "login", _server.Url, "--key-stdin");

        Assert.Equal(7, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("skillrt: An API key is needed: ", line);
        Assert.EndsWith("nothing was stored.", line);
        Assert.False(File.Exists(CredentialsPath), "credentials.json was written for a refused key");
        Assert.False(File.Exists(SourcesPath), "sources.json was written for a refused key");
    }

    [Fact]
    public async Task Login_without_a_terminal_or_key_stdin_says_how_to_pass_the_key()
    {
        var result = await _cli.RunAsync("login", _server.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--key-stdin", result.Error);
        Assert.False(File.Exists(CredentialsPath));
    }

    [Fact]
    public async Task Logout_removes_the_key_and_keeps_the_source()
    {
        var login = await _cli.RunWithInputAsync(_server.AdministratorKey, "login", _server.Url, "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());

        var logout = await _cli.RunAsync("logout");

        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.StartsWith("Removed the key for ", logout.Output);
        Assert.DoesNotContain(_server.AdministratorKey, File.ReadAllText(CredentialsPath));
        AssertOwnerOnly(CredentialsPath);
        var keys = await _cli.RunAsync("keys", "list");
        Assert.Equal(5, keys.ExitCode);
        Assert.Contains("no key is stored for ", keys.Error);
        Assert.Contains("skillrt login " + _server.Url, keys.Error);
    }

    [Fact]
    public async Task Login_again_replaces_the_key_of_the_same_source()
    {
        Assert.Equal(0, (await _cli.RunWithInputAsync("skr_placeholder", "sources", "add", "mine", _server.Url)).ExitCode);

        var result = await _cli.RunWithInputAsync(_server.AdministratorKey, "login", _server.ServiceIndexUrl, "--key-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Logged in to 'mine' ", result.Output);
        using var json = JsonDocument.Parse((await _cli.RunAsync("sources", "--json")).Output);
        Assert.Single(json.RootElement.GetProperty("sources").EnumerateArray());
        Assert.True(json.RootElement.GetProperty("sources")[0].GetProperty("hasKey").GetBoolean());
    }
}
