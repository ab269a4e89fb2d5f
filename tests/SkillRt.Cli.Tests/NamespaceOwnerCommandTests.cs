using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Registry;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt namespace</c> and <c>skillrt owner</c> against a real server: an administrator reserves a
/// prefix for Bob, whose publish then succeeds where the administrator's is refused; Bob invites the
/// administrator as a co-owner, who accepts; the primary owner cannot be removed; <c>verify --no-check</c>
/// prints the TXT record to publish.
/// </summary>
public sealed class NamespaceOwnerCommandTests : IClassFixture<RegistryServer>, IAsyncLifetime
{
    private readonly RegistryServer _server;
    private readonly SkillCli _admin = new();
    private readonly SkillCli _bob = new();
    private readonly string _bobName = "bob" + Guid.NewGuid().ToString("N")[..6];
    private string _adminName = "";

    public NamespaceOwnerCommandTests(RegistryServer server) => _server = server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var login = await _admin.RunWithInputAsync(_server.AdministratorKey, "login", _server.Url, "--name", "local", "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        using var http = _server.Process.CreateClient(_server.AdministratorKey);
        _adminName = (await http.GetFromJsonAsync<JsonElement>("api/v1/account", Ct)).GetProperty("name").GetString()!;
        var created = await http.PostAsJsonAsync("api/v1/accounts", new { name = _bobName }, Ct);
        var bobKey = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;
        login = await _bob.RunWithInputAsync(bobKey, "login", _server.Url, "--name", "local", "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _bob.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Reserve_publish_invite_accept_and_list()
    {
        var reserved = await _admin.RunAsync("namespace", "reserve", "Acme.", "--owner", _bobName);
        Assert.True(reserved.ExitCode == 0, reserved.ToString());
        Assert.Equal($"Reserved 'Acme.' for '{_bobName}' on 'local' ({_server.ServiceIndexUrl}): only its members publish new IDs under it; existing packages keep their owners.\n", reserved.Output);

        var listed = await _bob.RunAsync("namespace", "list", "--json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        using (var json = JsonDocument.Parse(listed.Output))
        {
            var reservation = Assert.Single(json.RootElement.GetProperty("namespaces").EnumerateArray().ToList());
            Assert.Equal(("Acme.", _bobName, false), (reservation.GetProperty("prefix").GetString(), reservation.GetProperty("owner").GetString(), reservation.GetProperty("verified").GetBoolean()));
        }

        Assert.Matches($@"(?m)^Acme\.\s+{_bobName}\s+no\s+\d{{4}}-\d\d-\d\d$", (await _bob.RunAsync("namespace", "list")).Output);

        // The prefix covers the bare name: the skill 'acme' is Bob's to create, not the administrator's.
        _admin.WriteFile("acme/SKILL.md", "---\nname: acme\ndescription: Acme's skill.\nversion: 1.0.0\n---\nSay hello.\n");
        _bob.WriteFile("acme/SKILL.md", "---\nname: acme\ndescription: Acme's skill.\nversion: 1.0.0\n---\nSay hello.\n");
        var refused = await _admin.RunAsync("publish", "acme", "--source", "local");
        Assert.Equal(7, refused.ExitCode);
        Assert.Contains("Package ID inside a reserved prefix", refused.Error, StringComparison.Ordinal);
        Assert.Contains("'Acme.'", refused.Error, StringComparison.Ordinal);
        var published = await _bob.RunAsync("publish", "acme", "--source", "local");
        Assert.True(published.ExitCode == 0, published.ToString());

        var invited = await _bob.RunAsync("owner", "add", "acme", _adminName);
        Assert.True(invited.ExitCode == 0, invited.ToString());
        Assert.Contains($"nothing changes until one of its members runs 'skillrt owner accept acme {_adminName}'", invited.Output, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^acme\s+{_adminName}\s+co-owner\s+{_bobName}\s+\d{{4}}-\d\d-\d\d$", (await _admin.RunAsync("owner", "invitations")).Output);

        var accepted = await _admin.RunAsync("owner", "accept", "acme");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal($"Accepted for '{_adminName}': 'acme' on 'local' ({_server.ServiceIndexUrl}) is now owned by {_bobName} (primary), {_adminName}.\n", accepted.Output);

        var owners = await _admin.RunAsync("owner", "list", "acme", "--json");
        using (var json = JsonDocument.Parse(owners.Output))
        {
            Assert.Equal([_bobName, _adminName], json.RootElement.GetProperty("package").GetProperty("owners").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        }

        Assert.Matches($@"(?m)^{_bobName}\s+User\s+primary$", (await _admin.RunAsync("owner", "list", "acme")).Output);
        var removePrimary = await _admin.RunAsync("owner", "remove", "acme", _bobName);
        Assert.Equal(2, removePrimary.ExitCode);
        Assert.Contains("The primary owner cannot be removed", removePrimary.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_checking_prints_the_txt_record_to_publish()
    {
        var result = await _bob.RunAsync("namespace", "verify", "Bob.", "--domain", "bob.com", "--no-check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("(?m)^  _skillrt\\.bob\\.com TXT \"skillrt-verification=[0-9a-f]{40}\"$", result.Output);
        Assert.Contains("skillrt namespace verify Bob. --domain bob.com", result.Output, StringComparison.Ordinal);

        var json = await _bob.RunAsync("namespace", "verify", "Bob.", "--domain", "bob.com", "--no-check", "--json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("_skillrt.bob.com", document.RootElement.GetProperty("verification").GetProperty("recordName").GetString());

        var mismatch = await _bob.RunAsync("namespace", "verify", "Contoso.", "--domain", "bob.com");
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("Prefix does not match the domain", mismatch.Error, StringComparison.Ordinal);
    }
}
