using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.OwnershipApi;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The audit log of prefix reservations, domain verifications and packages' owners on a real server:
/// each change leaves one entry with its action, target, actor and details, read back from
/// <c>GET api/v2/audit</c>; refused requests and requests that change nothing leave none.
/// </summary>
public sealed class NamespaceAuditTests(NamespaceFixture fixture) : IClassFixture<NamespaceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task Reserving_and_releasing_a_prefix_are_recorded_and_refusals_are_not()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var administrator = await AccountNameAsync(Admin);
        var prefix = "Audited" + Guid.NewGuid().ToString("N")[..6] + ".";

        // Refused: Bob is no administrator. Then a reservation, and the same one again (no change).
        await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces", new { prefix, owner = bob }), HttpStatusCode.Forbidden);
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = alice }), HttpStatusCode.OK);
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = alice }), HttpStatusCode.OK);

        // Refused: Bob is not Alice. Then Alice releases it, and releasing again finds nothing.
        await ProblemAsync(await DeleteAsync(Server, bobKey, "api/v2/namespaces/" + prefix), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, aliceKey, "api/v2/namespaces/" + prefix)).StatusCode);
        await ProblemAsync(await DeleteAsync(Server, aliceKey, "api/v2/namespaces/" + prefix), HttpStatusCode.NotFound);

        var entries = await ForTargetAsync("namespace:" + prefix);
        Assert.Equal(["namespace.release", "namespace.reserve"], entries.Select(Action));
        var (released, reserved) = (entries[0], entries[1]);
        Assert.Equal(administrator, ActorName(reserved));
        Assert.Equal((alice, false), (reserved.GetProperty("details").GetProperty("owner").GetString(), reserved.GetProperty("details").GetProperty("verified").GetBoolean()));
        Assert.Equal(alice, ActorName(released));
        Assert.Equal((alice, false), (released.GetProperty("details").GetProperty("owner").GetString(), released.GetProperty("details").GetProperty("verified").GetBoolean()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("packageId").ValueKind));
        Assert.Empty(await ReadAsync("?actor=" + bob));
    }

    [Fact]
    public async Task Starting_a_verification_and_the_check_that_verifies_are_recorded_and_failed_checks_are_not()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var name = "Auditco" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";
        var prefix = name + ".";

        // Asking twice gives the same token: one new verification, one entry.
        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix, domain }), HttpStatusCode.OK);
        await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix, domain }), HttpStatusCode.OK);
        var id = started.GetProperty("id").GetString()!;

        // A failed check changes nothing; the right record reserves the prefix as verified.
        fixture.Dns.SetTxt("_skillrt." + domain, "skillrt-verification=0123456789abcdef");
        await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{id}/check"), HttpStatusCode.UnprocessableEntity);
        fixture.Dns.SetTxt("_skillrt." + domain, started.GetProperty("recordValue").GetString()!);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{id}/check"), HttpStatusCode.OK);

        var entries = await ReadAsync("?actor=" + alice);
        Assert.Equal(["namespace.reserve", "namespace.verify-start"], entries.Select(Action));
        Assert.All(entries, e => Assert.Equal("namespace:" + prefix, e.GetProperty("target").GetString()));
        var start = entries[1].GetProperty("details");
        Assert.Equal((alice, domain, id), (start.GetProperty("owner").GetString(), start.GetProperty("domain").GetString(), start.GetProperty("verificationId").GetString()));
        Assert.True(start.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var reserve = entries[0].GetProperty("details");
        Assert.Equal((alice, true, domain, id), (reserve.GetProperty("owner").GetString(), reserve.GetProperty("verified").GetBoolean(), reserve.GetProperty("domain").GetString(), reserve.GetProperty("verificationId").GetString()));
    }

    [Fact]
    public async Task A_check_that_verifies_an_existing_reservation_is_recorded_as_verify()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var name = "Auditver" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";
        var prefix = name + ".";
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = alice }), HttpStatusCode.OK);
        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix, domain }), HttpStatusCode.OK);
        fixture.Dns.SetTxt("_skillrt." + domain, started.GetProperty("recordValue").GetString()!);

        var verified = await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{started.GetProperty("id").GetString()}/check"), HttpStatusCode.OK);

        Assert.True(verified.GetProperty("verified").GetBoolean());
        var entries = await ForTargetAsync("namespace:" + prefix);
        Assert.Equal(["namespace.verify", "namespace.verify-start", "namespace.reserve"], entries.Select(Action));
        Assert.Equal([alice, alice, await AccountNameAsync(Admin)], entries.Select(ActorName));
        var details = entries[0].GetProperty("details");
        Assert.Equal((alice, domain), (details.GetProperty("owner").GetString(), details.GetProperty("domain").GetString()));
    }

    [Fact]
    public async Task Invitations_acceptances_removals_and_transfers_are_recorded_with_their_actors()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var (carol, carolKey) = await AccountAsync(Server, Admin, "carol");
        var movers = await OrganizationAsync(Server, bobKey, "movers");
        var id = "Audown" + Guid.NewGuid().ToString("N")[..6] + ".Pkg";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);

        // Bob becomes a co-owner and is removed; refusals along the way (a self-invitation, a stranger accepting,
        // a stranger removing, removing the primary owner) record nothing.
        await ProblemAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners", new { owner = bob }), HttpStatusCode.Forbidden);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = bob }), HttpStatusCode.Created);
        await ProblemAsync(await PostAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.Forbidden);
        await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.OK);
        await ProblemAsync(await DeleteAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{bob}"), HttpStatusCode.Forbidden);
        await ProblemAsync(await DeleteAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{alice}"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, aliceKey, $"api/v2/packages/{id}/owners/{bob}")).StatusCode);

        // Carol's invitation is withdrawn by Alice; the next one Carol declines herself.
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = carol }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, aliceKey, $"api/v2/packages/{id}/owners/{carol}")).StatusCode);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = carol }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{carol}")).StatusCode);

        // The package moves to Bob's organisation.
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/transfer", new { owner = movers }), HttpStatusCode.Created);
        await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{movers}/accept"), HttpStatusCode.OK);

        var entries = (await ReadAsync("?package=" + id)).Where(e => Action(e) != "package.publish").ToList();
        Assert.Equal(
            [
                ("package.owner-transfer", bob, movers),
                ("package.owner-invite", alice, movers),
                ("package.owner-decline", carol, carol),
                ("package.owner-invite", alice, carol),
                ("package.owner-withdraw", alice, carol),
                ("package.owner-invite", alice, carol),
                ("package.owner-remove", alice, bob),
                ("package.owner-accept", bob, bob),
                ("package.owner-invite", alice, bob),
            ],
            entries.Select(e => (Action(e), ActorName(e), e.GetProperty("target").GetString()!["owner:".Length..])));
        Assert.All(entries, e => Assert.Equal(id, e.GetProperty("packageId").GetString()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("packageVersion").ValueKind));

        var transfer = entries[0].GetProperty("details");
        Assert.Equal((alice, movers), (transfer.GetProperty("from").GetString(), transfer.GetProperty("to").GetString()));
        var transferInvite = entries[1].GetProperty("details");
        Assert.Equal((movers, "transfer", alice), (transferInvite.GetProperty("owner").GetString(), transferInvite.GetProperty("kind").GetString(), transferInvite.GetProperty("from").GetString()));
        Assert.Equal("coOwner", entries[2].GetProperty("details").GetProperty("kind").GetString());
        Assert.Equal("coOwner", entries[^1].GetProperty("details").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Removing_a_co_owner_with_a_pending_transfer_records_both()
    {
        var (_, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var id = "Audboth" + Guid.NewGuid().ToString("N")[..6] + ".Pkg";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = bob }), HttpStatusCode.Created);
        await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.OK);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/transfer", new { owner = bob }), HttpStatusCode.Created);

        // Bob leaves: his co-ownership goes, and so does the transfer he was offered, which he thereby declines.
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{bob}")).StatusCode);

        var entries = await ReadAsync($"?package={id}&actor={bob}");
        Assert.Equal(["package.owner-decline", "package.owner-remove", "package.owner-accept"], entries.Select(Action));
        Assert.Equal("transfer", entries[0].GetProperty("details").GetProperty("kind").GetString());
    }

    private static string? Action(JsonElement entry) => entry.GetProperty("action").GetString();

    private static string? ActorName(JsonElement entry) => entry.GetProperty("actor").GetProperty("name").GetString();

    private async Task<string> AccountNameAsync(string key)
    {
        using var client = Server.CreateClient(key);
        return (await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct)).GetProperty("name").GetString()!;
    }

    // The log has no target filter: read the namespace actions (newest first) and keep this test's target.
    private async Task<List<JsonElement>> ForTargetAsync(string target)
    {
        var entries = new List<JsonElement>();
        foreach (var action in new[] { "namespace.reserve", "namespace.release", "namespace.verify-start", "namespace.verify" })
        {
            entries.AddRange((await ReadAsync("?take=50&action=" + action)).Where(e => e.GetProperty("target").GetString() == target));
        }

        return entries.OrderByDescending(e => long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    private async Task<List<JsonElement>> ReadAsync(string query)
    {
        using var client = Server.CreateClient(Admin);
        var page = await client.GetFromJsonAsync<JsonElement>("api/v2/audit" + query, Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
