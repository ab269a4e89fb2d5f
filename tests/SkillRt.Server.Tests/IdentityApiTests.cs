using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// The identity API end to end: keys, scopes, package patterns, accounts and organisations, on a real
/// server. Every test runs on both storage tiers (<see cref="EmbeddedIdentityApiTests"/>,
/// <see cref="ScaleOutIdentityApiTests"/>): the behaviour must not depend on the engine.
/// </summary>
public abstract class IdentityApiTests(ServerTierFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_administrator_key_identifies_the_admin_account()
    {
        using var client = fixture.Server.CreateClient(fixture.AdministratorKey);
        var account = await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct);
        Assert.Equal("admin", account.GetProperty("name").GetString());
        Assert.True(account.GetProperty("administrator").GetBoolean());
        Assert.Contains("admin", account.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_new_key_works_lists_without_its_secret_and_stops_working_once_revoked()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var created = await CreateKeyAsync(admin, new { name = "revoke me", scopes = new[] { "keys:manage" } });
        var secret = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("key").GetProperty("id").GetString()!;
        Assert.StartsWith("skr_", secret, StringComparison.Ordinal);

        using var withKey = fixture.Server.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("api/v1/account", Ct)).StatusCode);

        var list = await admin.GetStringAsync("api/v1/keys", Ct);
        Assert.Contains("revoke me", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/keys/{id}", Ct)).StatusCode);
        var refused = await withKey.GetAsync("api/v1/account", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_malformed_keys_get_401_with_a_reason_and_no_echo_of_the_key()
    {
        using var unknown = fixture.Server.CreateClient("skr_" + new string('a', 43));
        var response = await unknown.GetAsync("api/v1/account", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("not known", body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 43), body, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var foreign = fixture.Server.CreateClient("ghp_notours");
        var foreignResponse = await foreign.GetAsync("api/v1/account", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, foreignResponse.StatusCode);
        Assert.Contains("not a SkillRt key", await foreignResponse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var anonymous = fixture.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_cannot_do_or_hand_on_more_than_its_scopes_and_patterns()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var narrow = await CreateKeyAsync(admin, new { name = "narrow", scopes = new[] { "keys:manage" }, packages = new[] { "Contoso.*" } });
        using var client = fixture.Server.CreateClient(narrow.GetProperty("secret").GetString());

        var accounts = await client.PostAsJsonAsync("api/v1/accounts", new { name = "mallory" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, accounts.StatusCode);

        var wider = await client.PostAsJsonAsync("api/v1/keys", new { name = "wider", scopes = new[] { "admin" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wider.StatusCode);
        Assert.Contains("'admin'", await wider.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var otherPackages = await client.PostAsJsonAsync("api/v1/keys", new { name = "other", scopes = new[] { "keys:manage" }, packages = new[] { "Fabrikam.*" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, otherPackages.StatusCode);
        Assert.Contains("Contoso.*", await otherPackages.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var narrower = await client.PostAsJsonAsync("api/v1/keys", new { name = "narrower", scopes = new[] { "keys:manage" }, packages = new[] { "Contoso.Review*" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, narrower.StatusCode);
    }

    [Fact]
    public async Task A_key_cannot_create_a_key_that_outlives_it_or_has_too_many_patterns()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var shortLived = await CreateKeyAsync(admin, new { name = "short", scopes = new[] { "keys:manage" }, expiresInDays = 2 });
        var shortExpiry = shortLived.GetProperty("key").GetProperty("expiresAt").GetDateTime();
        using var client = fixture.Server.CreateClient(shortLived.GetProperty("secret").GetString());

        var longer = await client.PostAsJsonAsync("api/v1/keys", new { name = "longer", scopes = new[] { "keys:manage" }, expiresInDays = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, longer.StatusCode);
        Assert.Contains("cannot expire later", await longer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Without an expiry asked for, the new key gets its creator's.
        var defaulted = await CreateKeyAsync(client, new { name = "defaulted", scopes = new[] { "keys:manage" } });
        // PostgreSQL keeps microseconds, so the stored expiry read back may lack the last tick.
        Assert.True(Math.Abs((shortExpiry - defaulted.GetProperty("key").GetProperty("expiresAt").GetDateTime()).TotalMilliseconds) < 1, defaulted.ToString());

        var patterns = Enumerable.Range(0, 31).Select(i => $"Contoso.P{i}").ToArray();
        var tooMany = await admin.PostAsJsonAsync("api/v1/keys", new { name = "many", scopes = new[] { "keys:manage" }, packages = patterns }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 30", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_accounts_whose_names_are_unique_regardless_of_case()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var created = await admin.PostAsJsonAsync("api/v1/accounts", new { name = "Alice" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString();

        using var alice = fixture.Server.CreateClient(secret);
        var account = await alice.GetFromJsonAsync<JsonElement>("api/v1/account", Ct);
        Assert.Equal("Alice", account.GetProperty("name").GetString());
        Assert.False(account.GetProperty("administrator").GetBoolean());

        var again = await admin.PostAsJsonAsync("api/v1/accounts", new { name = "ALICE" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var invalid = await admin.PostAsJsonAsync("api/v1/accounts", new { name = "-bad--name" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("name:", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var organization = await alice.PostAsJsonAsync("api/v1/organizations", new { name = "contoso" }, Ct);
        Assert.Equal(HttpStatusCode.Created, organization.StatusCode);
        var owners = (await alice.GetFromJsonAsync<JsonElement>("api/v1/account", Ct)).GetProperty("owners");
        Assert.Equal(["Alice", "contoso"], owners.EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("Organization", owners[1].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("api/v1/keys", "{\"name\": ci}")]
    [InlineData("api/v1/keys", "[1, 2")]
    [InlineData("api/v1/keys", "{\"name\": \"x\", \"expiresInDays\": \"soon\"}")]
    [InlineData("api/v1/accounts", "{")]
    [InlineData("api/v1/organizations", "null")]
    [InlineData("api/v1/organizations", "")]
    public async Task Malformed_JSON_gets_a_400_problem_that_says_where(string path, string body)
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var huge = "{\"name\": \"" + new string('x', 200_000) + "\"}";
        var response = await admin.PostAsync("api/v1/keys", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_hashes()
    {
        using var admin = fixture.Server.CreateClient(fixture.AdministratorKey);
        var secret = (await CreateKeyAsync(admin, new { name = "stored at rest", scopes = new[] { "keys:manage" } })).GetProperty("secret").GetString()!;
        var stored = await fixture.ReadStoredTextAsync(Ct);

        // The key's name is there, so what was read is really where keys are kept.
        Assert.Contains("stored at rest", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["skr_".Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AdministratorKey, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, fixture.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_key()
    {
        using var client = fixture.Server.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("health/live", Ct));
        Assert.Equal("Healthy", await client.GetStringAsync("health/ready", Ct));
    }

    private static async Task<JsonElement> CreateKeyAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("api/v1/keys", request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
