using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.OwnershipApi;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Co-owners and transfers against a real server: nothing changes until the invited owner accepts; a
/// co-owner's members publish and unlist; the primary owner is never removed; a transfer moves the
/// package and removes the old owner.
/// </summary>
public sealed class PackageOwnershipTests(NamespaceFixture fixture) : IClassFixture<NamespaceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task A_co_owner_publishes_once_invited_and_accepted_and_not_after_removal()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var (_, carolKey) = await AccountAsync(Server, Admin, "carol");
        var id = "Coop" + Guid.NewGuid().ToString("N")[..6] + ".Pkg";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);

        // Bob may not invite himself, and an invitation alone gives him nothing.
        await ProblemAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners", new { owner = bob }), HttpStatusCode.Forbidden);
        var invitation = await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = bob }), HttpStatusCode.Created);
        Assert.Equal(("coOwner", bob, alice), (invitation.GetProperty("kind").GetString(), invitation.GetProperty("owner").GetString(), invitation.GetProperty("from").GetString()));
        var notYet = await ProblemAsync(await PublishAsync(Server, bobKey, id, "1.1.0"), HttpStatusCode.Forbidden);
        Assert.Contains($"'{alice}'", notYet.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var pending = await JsonAsync(await GetAsync(Server, bobKey, "api/v2/owners/invitations"), HttpStatusCode.OK);
        Assert.Equal([id], pending.EnumerateArray().Select(i => i.GetProperty("packageId").GetString()));
        Assert.Empty((await JsonAsync(await GetAsync(Server, carolKey, "api/v2/owners/invitations"), HttpStatusCode.OK)).EnumerateArray());

        // Only a member of the invited owner accepts.
        await ProblemAsync(await PostAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.Forbidden);
        await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.Forbidden);
        var accepted = await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.OK);
        Assert.Equal([(alice, true), (bob, false)], accepted.GetProperty("owners").EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("primary").GetBoolean())));
        Assert.Empty(accepted.GetProperty("invitations").EnumerateArray());

        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, id, "1.1.0")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SetListedAsync(Server, id, "1.0.0", listed: false, bobKey)).StatusCode);
        await ProblemAsync(await PublishAsync(Server, carolKey, id, "1.2.0"), HttpStatusCode.Forbidden);

        // Search shows both owners, and finds the package by either.
        var search = await JsonAsync(await GetAsync(Server, carolKey, $"v3/search?q=owner:{bob}"), HttpStatusCode.OK);
        var hit = Assert.Single(search.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal([alice, bob], hit.GetProperty("owners").EnumerateArray().Select(o => o.GetString()));

        // The primary owner is never removed (a package keeps an owner); a co-owner is.
        var primary = await ProblemAsync(await DeleteAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{alice}"), HttpStatusCode.Conflict);
        Assert.Contains("owner transfer", primary.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await DeleteAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{bob}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, aliceKey, $"api/v2/packages/{id}/owners/{bob}")).StatusCode);
        await ProblemAsync(await PublishAsync(Server, bobKey, id, "1.2.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await SetListedAsync(Server, id, "1.0.0", listed: true, bobKey), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_transfer_takes_effect_on_acceptance_and_removes_the_old_owner()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var movers = await OrganizationAsync(Server, bobKey, "movers");
        var id = "Move" + Guid.NewGuid().ToString("N")[..6] + ".Pkg";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);

        var proposed = await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/transfer", new { owner = movers }), HttpStatusCode.Created);
        Assert.Equal("transfer", proposed.GetProperty("kind").GetString());

        // Until the organisation accepts, Alice owns it and Bob cannot publish.
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id, "1.1.0")).StatusCode);
        await ProblemAsync(await PublishAsync(Server, bobKey, id, "1.2.0"), HttpStatusCode.Forbidden);
        await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners/{movers}/accept"), HttpStatusCode.Forbidden);

        var accepted = await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{movers}/accept"), HttpStatusCode.OK);
        Assert.Equal([(movers, true)], accepted.GetProperty("owners").EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("primary").GetBoolean())));

        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, id, "2.0.0")).StatusCode);
        var refused = await ProblemAsync(await PublishAsync(Server, aliceKey, id, "2.1.0"), HttpStatusCode.Forbidden);
        Assert.Contains($"'{movers}'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await SetListedAsync(Server, id, "2.0.0", listed: false, aliceKey), HttpStatusCode.Forbidden);

        // The accepted invitation is gone; accepting again finds nothing.
        await ProblemAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{movers}/accept"), HttpStatusCode.NotFound);
        _ = alice;
    }

    [Fact]
    public async Task A_stale_transfer_cannot_undo_a_later_one()
    {
        var (_, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var (carol, carolKey) = await AccountAsync(Server, Admin, "carol");
        var id = "Stale" + Guid.NewGuid().ToString("N")[..6] + ".Pkg";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/transfer", new { owner = bob }), HttpStatusCode.Created);
        await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/transfer", new { owner = carol }), HttpStatusCode.Created);

        await JsonAsync(await PostAsync(Server, bobKey, $"api/v2/packages/{id}/owners/{bob}/accept"), HttpStatusCode.OK);
        var stale = await ProblemAsync(await PostAsync(Server, carolKey, $"api/v2/packages/{id}/owners/{carol}/accept"), HttpStatusCode.Conflict);
        Assert.Equal("Transfer out of date", stale.GetProperty("title").GetString());
        await ProblemAsync(await PublishAsync(Server, carolKey, id, "1.1.0"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, id, "1.1.0")).StatusCode);
    }

    [Fact]
    public async Task Owner_requests_for_unknown_packages_and_owners_are_404()
    {
        var (_, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var id = "Known" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, id)).StatusCode);

        await ProblemAsync(await GetAsync(Server, aliceKey, "api/v2/packages/No.Such.Package/owners"), HttpStatusCode.NotFound);
        await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { owner = "no-such-owner" }), HttpStatusCode.NotFound);
        await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/packages/{id}/owners", new { }), HttpStatusCode.BadRequest);
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"api/v2/packages/{id}/owners", null, Ct)).StatusCode);
    }
}
