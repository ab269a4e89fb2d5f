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
/// Reserved ID prefixes against a real server: publishing a new ID into another owner's prefix is
/// refused, packages from before the reservation keep working, the longest reservation decides, and
/// squatting (someone else's prefix, a prefix around other owners' packages) is refused.
/// </summary>
public sealed class PrefixReservationTests(NamespaceFixture fixture) : IClassFixture<NamespaceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task Publishing_a_new_id_into_another_owners_prefix_is_refused_while_older_packages_keep_working()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (_, bobKey) = await AccountAsync(Server, Admin, "bob");
        var prefix = "Fabrikam" + Guid.NewGuid().ToString("N")[..6] + ".";
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, prefix + "Old")).StatusCode);

        var reserved = await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = alice }), HttpStatusCode.OK);
        Assert.Equal((prefix, alice, false), (reserved.GetProperty("prefix").GetString(), reserved.GetProperty("owner").GetString(), reserved.GetProperty("verified").GetBoolean()));

        var refused = await ProblemAsync(await PublishAsync(Server, bobKey, prefix + "New"), HttpStatusCode.Forbidden);
        Assert.Equal("Package ID inside a reserved prefix", refused.GetProperty("title").GetString());
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains($"'{prefix}'", detail, StringComparison.Ordinal);
        Assert.Contains($"'{alice}'", detail, StringComparison.Ordinal);
        Assert.Contains("ask an administrator", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Server, bobKey, $"v3/flatcontainer/{(prefix + "New").ToLowerInvariant()}/index.json")).StatusCode);

        // The bare name is covered too, and the case of the ID does not matter.
        await ProblemAsync(await PublishAsync(Server, bobKey, prefix.TrimEnd('.').ToUpperInvariant()), HttpStatusCode.Forbidden);
        await ProblemAsync(await PublishAsync(Server, bobKey, prefix.ToLowerInvariant() + "Lower"), HttpStatusCode.Forbidden);

        // Bob's package from before the reservation is still his to publish.
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, prefix + "Old", "1.1.0")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, prefix + "New")).StatusCode);
        var owners = await JsonAsync(await GetAsync(Server, aliceKey, $"api/v2/packages/{prefix}New/owners"), HttpStatusCode.OK);
        Assert.Equal([alice], owners.GetProperty("owners").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_new_id_under_an_organisations_prefix_is_recorded_under_the_organisation()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var organization = await OrganizationAsync(Server, aliceKey, "contoso", bob);
        var prefix = "Org" + Guid.NewGuid().ToString("N")[..6] + ".";
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = organization }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, prefix + "Tool")).StatusCode);

        // Alice is a member of the organisation too, so she publishes the next version of what Bob created.
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, prefix + "Tool", "2.0.0")).StatusCode);
        var owners = await JsonAsync(await GetAsync(Server, bobKey, $"api/v2/packages/{prefix}Tool/owners"), HttpStatusCode.OK);
        Assert.Equal([organization], owners.GetProperty("owners").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(prefix, owners.GetProperty("prefix").GetString());
        Assert.False(owners.GetProperty("verified").GetBoolean());
        _ = alice;
    }

    [Fact]
    public async Task The_longest_reservation_decides_and_an_administrator_may_nest_one()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var outer = "Northwind" + Guid.NewGuid().ToString("N")[..6] + ".";
        var inner = outer + "Bob.";
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = outer, owner = alice }), HttpStatusCode.OK);
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = inner, owner = bob }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, inner + "Tool")).StatusCode);
        await ProblemAsync(await PublishAsync(Server, aliceKey, inner + "Other"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, outer + "Other")).StatusCode);
        await ProblemAsync(await PublishAsync(Server, bobKey, outer + "Mine"), HttpStatusCode.Forbidden);

        var listed = await JsonAsync(await GetAsync(Server, bobKey, "api/v2/namespaces?owner=" + bob), HttpStatusCode.OK);
        Assert.Equal([inner], listed.EnumerateArray().Select(n => n.GetProperty("prefix").GetString()));
    }

    [Fact]
    public async Task Reserving_someone_elses_prefix_is_refused()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (bob, bobKey) = await AccountAsync(Server, Admin, "bob");
        var name = "Litware" + Guid.NewGuid().ToString("N")[..6];
        var prefix = name + ".";
        await JsonAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix, owner = alice }), HttpStatusCode.OK);

        // Not even an administrator gives a reserved prefix to another owner without releasing it first.
        var taken = await ProblemAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = prefix.ToUpperInvariant(), owner = bob }), HttpStatusCode.Conflict);
        Assert.Contains($"'{alice}'", taken.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // An owner cannot reserve directly, and cannot claim the prefix, or one inside it, through a domain.
        var direct = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces", new { prefix = name + "Other.", owner = bob }), HttpStatusCode.Forbidden);
        Assert.Contains("namespace verify", direct.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var claimed = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix, domain = name.ToLowerInvariant() + ".com" }), HttpStatusCode.Conflict);
        Assert.Equal("Prefix already reserved", claimed.GetProperty("title").GetString());
        var nested = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix = prefix + "Bob.", domain = name.ToLowerInvariant() + ".com" }), HttpStatusCode.Conflict);
        Assert.Equal("Prefix overlaps another owner's reservation", nested.GetProperty("title").GetString());

        // Nor one that would cover another owner's packages.
        var other = "Tailspin" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, other + ".Thing")).StatusCode);
        var covering = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix = other + ".", domain = other.ToLowerInvariant() + ".com" }), HttpStatusCode.Conflict);
        Assert.Equal("Prefix covers packages of other owners", covering.GetProperty("title").GetString());
        Assert.Contains($"'{other}.Thing'", covering.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Only the owner's members (or an administrator) release a reservation.
        await ProblemAsync(await DeleteAsync(Server, bobKey, "api/v2/namespaces/" + prefix), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Server, aliceKey, "api/v2/namespaces/" + prefix)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, bobKey, prefix + "Free")).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_are_problems_naming_the_field()
    {
        var (_, bobKey) = await AccountAsync(Server, Admin, "bob");

        var noDot = await ProblemAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = "Contoso", owner = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("'Contoso.'", noDot.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = "Con toso.", owner = "x" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostAsync(Server, Admin, "api/v2/namespaces", new { prefix = "Unknown.", owner = "nobody-at-all" }), HttpStatusCode.NotFound);
        var subdomain = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix = "Microsoft.", domain = "microsoft.dyn-dns.org" }), HttpStatusCode.BadRequest);
        Assert.Contains("subdomain", subdomain.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var mismatch = await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix = "Microsoft.", domain = "bob.com" }), HttpStatusCode.BadRequest);
        Assert.Equal("Prefix does not match the domain", mismatch.GetProperty("title").GetString());
        await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications", new { prefix = "Bob.", domain = new string('b', 5000) + ".com" }), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(await PostAsync(Server, bobKey, "api/v2/namespaces/verifications/not-an-id/check"), HttpStatusCode.BadRequest);

        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v2/namespaces", Ct)).StatusCode);
    }
}
