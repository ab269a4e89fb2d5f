using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Signing.Minisign;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The audit log of owners' signing keys and policy on a real server: registering a key, changing the
/// policy and revoking a key each leave one entry with target <c>owner:</c>, the actor and the details,
/// read back from <c>GET api/v2/audit</c>; refusals and requests that change nothing leave none.
/// </summary>
public sealed class SigningAuditTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Registering_revoking_and_policy_changes_are_recorded_and_no_ops_and_refusals_are_not()
    {
        var account = "auditsigner" + Guid.NewGuid().ToString("N")[..6];
        var key = await CreateAccountAsync(Server, fixture.AdministratorKey, account);
        var stranger = "auditstranger" + Guid.NewGuid().ToString("N")[..6];
        var strangerKey = await CreateAccountAsync(Server, fixture.AdministratorKey, stranger);
        using var secret = MinisignSecretKey.Generate();
        using var owner = Server.CreateClient(key);
        using var other = Server.CreateClient(strangerKey);
        var keys = $"api/v2/owners/{account}/signing-keys";
        var policy = $"api/v2/owners/{account}/signing-policy";

        // Refused: a stranger registers; the key registered twice (conflict). Then the policy set twice, and cleared.
        await ProblemAsync(await other.PostAsJsonAsync(keys, new { publicKey = secret.PublicKey.ToBase64() }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync(keys, new { publicKey = secret.PublicKey.ToBase64(), name = "laptop" }, Ct)).StatusCode);
        await ProblemAsync(await owner.PostAsJsonAsync(keys, new { publicKey = secret.PublicKey.ToBase64() }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(policy, new { requireSignatures = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(policy, new { requireSignatures = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(policy, new { requireSignatures = false }, Ct)).StatusCode);

        // Refused: the stranger revokes. Revoking twice records once.
        await ProblemAsync(await other.DeleteAsync($"{keys}/{secret.KeyId}", Ct), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{keys}/{secret.KeyId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{keys}/{secret.KeyId}", Ct)).StatusCode);

        var entries = await ReadAsync("?actor=" + account);
        Assert.Equal(
            ["signing.key-revoke", "signing.policy-change", "signing.policy-change", "signing.key-register"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("owner:" + account, e.GetProperty("target").GetString()));
        Assert.All(entries, e => Assert.Equal(account, e.GetProperty("actor").GetProperty("name").GetString()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("packageId").ValueKind));
        var (revoked, cleared, required, registered) = (entries[0].GetProperty("details"), entries[1].GetProperty("details"), entries[2].GetProperty("details"), entries[3].GetProperty("details"));
        Assert.Equal((secret.KeyId.ToString(), "laptop"), (registered.GetProperty("keyId").GetString(), registered.GetProperty("name").GetString()));
        Assert.Equal((secret.KeyId.ToString(), "laptop"), (revoked.GetProperty("keyId").GetString(), revoked.GetProperty("name").GetString()));
        Assert.Equal((false, true), (required.GetProperty("oldRequireSignatures").GetBoolean(), required.GetProperty("requireSignatures").GetBoolean()));
        Assert.Equal((true, false), (cleared.GetProperty("oldRequireSignatures").GetBoolean(), cleared.GetProperty("requireSignatures").GetBoolean()));
        Assert.Empty(await ReadAsync("?actor=" + stranger));
    }

    private async Task<List<JsonElement>> ReadAsync(string query)
    {
        using var client = Server.CreateClient(fixture.AdministratorKey);
        var page = await client.GetFromJsonAsync<JsonElement>("api/v2/audit" + query, Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
