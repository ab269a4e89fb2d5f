using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Registry;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt keys create|list|revoke</c> against a real server's identity API, logged in with its
/// first administrator key; the server's refusals print as one <c>title: detail</c> line.
/// </summary>
public sealed class KeysCommandTests : IClassFixture<RegistryServer>, IAsyncLifetime
{
    private readonly RegistryServer _server;
    private readonly SkillCli _cli = new();

    public KeysCommandTests(RegistryServer server) => _server = server;

    public async ValueTask InitializeAsync()
    {
        var login = await _cli.RunWithInputAsync(_server.AdministratorKey, "login", _server.Url, "--name", "local", "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Create_list_and_revoke_round_trip()
    {
        var created = await _cli.RunAsync("keys", "create", "--name", "ci publish", "--scope", "registry:publish", "--package", "Contoso.*", "--expires-in-days", "30", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var key = JsonDocument.Parse(created.Output);
        var id = key.RootElement.GetProperty("id").GetString()!;
        var secret = key.RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("skr_", secret);
        Assert.Equal(["registry:publish"], key.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["Contoso.*"], key.RootElement.GetProperty("packages").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(DateTime.UtcNow.Date.AddDays(30), key.RootElement.GetProperty("expiresAt").GetDateTime().Date);

        var listed = await _cli.RunAsync("keys", "list", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using (var list = JsonDocument.Parse(listed.Output))
        {
            var entry = Assert.Single(list.RootElement.GetProperty("keys").EnumerateArray(), k => k.GetProperty("id").GetString() == id);
            Assert.Equal("ci publish", entry.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("revokedAt").ValueKind);
            Assert.DoesNotContain(secret, listed.Output);
        }

        var table = await _cli.RunAsync("keys", "list");
        Assert.Matches($@"(?m)^{id}\s+ci publish\s+skr_\S*…\s+active\s+\d{{4}}-\d\d-\d\d\s+never\s+registry:publish \(packages Contoso\.\*\)$", table.Output);

        var revoked = await _cli.RunAsync("keys", "revoke", id);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal($"Revoked the key {id} on 'local' ({_server.ServiceIndexUrl}); it no longer works.\n", revoked.Output);

        using (var list = JsonDocument.Parse((await _cli.RunAsync("keys", "list", "--json")).Output))
        {
            var entry = Assert.Single(list.RootElement.GetProperty("keys").EnumerateArray(), k => k.GetProperty("id").GetString() == id);
            Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("revokedAt").ValueKind);
        }

        // The revoked secret no longer logs in, and the server says why.
        using var other = new SkillCli();
        var login = await other.RunWithInputAsync(secret, "login", _server.Url, "--key-stdin");
        Assert.Equal(7, login.ExitCode);
        Assert.Contains("The API key was revoked on ", login.Error);
    }

    [Fact]
    public async Task Create_in_text_says_the_secret_is_shown_once()
    {
        var created = await _cli.RunAsync("keys", "create", "--name", "shown once");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(@"(?m)^Secret \(shown once, store it now\): skr_\S+$", created.Output);
        Assert.Contains("this is the only time the secret is shown", created.Output);
    }

    [Fact]
    public async Task Refusals_are_the_servers_problem_details_on_one_line_with_the_exit_code_of_their_kind()
    {
        var notAnId = await _cli.RunAsync("keys", "revoke", "not-an-id");
        Assert.Equal(2, notAnId.ExitCode);
        Assert.Equal("skillrt: Invalid key ID: 'not-an-id' is not a key ID; 'skillrt keys list' shows them.\n", notAnId.Error);

        var unknown = Guid.NewGuid();
        var missing = await _cli.RunAsync("keys", "revoke", unknown.ToString());
        Assert.Equal(3, missing.ExitCode);
        Assert.Equal($"skillrt: No such key: No key {unknown} belongs to 'admin'; 'skillrt keys list' shows the keys.\n", missing.Error);

        var badScope = await _cli.RunAsync("keys", "create", "--name", "x", "--scope", "no:such-scope");
        Assert.Equal(2, badScope.ExitCode);
        var line = Assert.Single(badScope.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("scopes: 'no:such-scope' is not a scope of this server", line);
    }

    [Fact]
    public async Task A_key_without_keys_manage_is_refused_with_the_servers_reason()
    {
        var created = await _cli.RunAsync("keys", "create", "--name", "publish only", "--scope", "registry:publish", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var key = JsonDocument.Parse(created.Output);
        using var narrow = new SkillCli();
        Assert.Equal(0, (await narrow.RunWithInputAsync(key.RootElement.GetProperty("secret").GetString()!, "login", _server.Url, "--key-stdin")).ExitCode);

        var result = await narrow.RunAsync("keys", "list");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("skillrt: The API key's scopes do not allow this: The API key does not have the scope this needs; create a key with it ('skillrt keys create --scope …').\n", result.Error);
    }
}
