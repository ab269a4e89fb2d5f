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
/// Claiming a prefix through a domain's DNS TXT record, against a real server whose DNS lookups go to
/// <see cref="TestDnsServer"/>: the right token reserves the prefix as verified; a wrong token, a
/// missing name and a DNS server that never answers are each a clear problem and reserve nothing.
/// </summary>
public sealed class DomainVerificationTests(NamespaceFixture fixture) : IClassFixture<NamespaceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    private string Admin => fixture.AdministratorKey;

    [Fact]
    public async Task The_right_txt_record_reserves_the_prefix_as_verified()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var (_, bobKey) = await AccountAsync(Server, Admin, "bob");
        var name = "Contoso" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";

        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix = name + ".", domain = domain.ToUpperInvariant() + "." }), HttpStatusCode.OK);
        Assert.Equal("_skillrt." + domain, started.GetProperty("recordName").GetString());
        Assert.Equal("TXT", started.GetProperty("recordType").GetString());
        var value = started.GetProperty("recordValue").GetString()!;
        Assert.StartsWith("skillrt-verification=", value, StringComparison.Ordinal);
        var id = started.GetProperty("id").GetString();

        // Asking again gives the same token, so a repeated command does not invalidate a published record.
        var again = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix = name + ".", domain }), HttpStatusCode.OK);
        Assert.Equal((id, value), (again.GetProperty("id").GetString(), again.GetProperty("recordValue").GetString()));

        fixture.Dns.SetTxt("_skillrt." + domain, "v=spf1 -all", value);
        var verified = await JsonAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{id}/check"), HttpStatusCode.OK);
        Assert.Equal((name + ".", alice, true, domain), (verified.GetProperty("prefix").GetString(), verified.GetProperty("owner").GetString(), verified.GetProperty("verified").GetBoolean(), verified.GetProperty("domain").GetString()));
        Assert.Contains("_skillrt." + domain, fixture.Dns.Questions);

        var listed = await JsonAsync(await GetAsync(Server, bobKey, "api/v2/namespaces?owner=" + alice), HttpStatusCode.OK);
        Assert.True(Assert.Single(listed.EnumerateArray().ToList()).GetProperty("verified").GetBoolean());

        // The prefix is Alice's now, and her packages in it show as verified in search.
        var refused = await ProblemAsync(await PublishAsync(Server, bobKey, name + ".Fake"), HttpStatusCode.Forbidden);
        Assert.Contains("verified with the domain " + domain, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(Server, aliceKey, name + ".Real")).StatusCode);
        var search = await JsonAsync(await GetAsync(Server, bobKey, $"v3/search?q=packageid:{name}.Real"), HttpStatusCode.OK);
        Assert.True(Assert.Single(search.GetProperty("data").EnumerateArray().ToList()).GetProperty("verified").GetBoolean());
        Assert.True((await JsonAsync(await GetAsync(Server, bobKey, $"api/v2/packages/{name}.Real/owners"), HttpStatusCode.OK)).GetProperty("verified").GetBoolean());

        // Bob cannot check Alice's verification.
        await ProblemAsync(await PostAsync(Server, bobKey, $"api/v2/namespaces/verifications/{id}/check"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_reserves_nothing()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var name = "Wrongco" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";
        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix = name + ".", domain }), HttpStatusCode.OK);
        fixture.Dns.SetTxt("_skillrt." + domain, "skillrt-verification=0123456789abcdef");

        var problem = await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{started.GetProperty("id").GetString()}/check"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("TXT record does not match", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(started.GetProperty("recordValue").GetString()!, detail, StringComparison.Ordinal);
        Assert.Contains("skillrt-verification=0123456789abcdef", detail, StringComparison.Ordinal);
        Assert.Empty((await JsonAsync(await GetAsync(Server, aliceKey, "api/v2/namespaces?owner=" + alice), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_name_that_does_not_exist_is_refused_with_the_record_to_publish()
    {
        var (_, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var name = "Nxco" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";
        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix = name + ".", domain }), HttpStatusCode.OK);

        var problem = await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{started.GetProperty("id").GetString()}/check"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("TXT record not found", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("does not exist", detail, StringComparison.Ordinal);
        Assert.Contains($"TXT _skillrt.{domain} \"{started.GetProperty("recordValue").GetString()}\"", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dns_server_that_never_answers_is_a_502_problem_not_a_500()
    {
        var (alice, aliceKey) = await AccountAsync(Server, Admin, "alice");
        var name = "Slowco" + Guid.NewGuid().ToString("N")[..6];
        var domain = name.ToLowerInvariant() + ".com";
        var asked = fixture.Dns.Ignore("_skillrt." + domain);
        var started = await JsonAsync(await PostAsync(Server, aliceKey, "api/v2/namespaces/verifications", new { prefix = name + ".", domain }), HttpStatusCode.OK);

        var problem = await ProblemAsync(await PostAsync(Server, aliceKey, $"api/v2/namespaces/verifications/{started.GetProperty("id").GetString()}/check"), HttpStatusCode.BadGateway);

        Assert.True(asked.IsCompleted, "The DNS responder was never asked, so the problem is not the timeout.");
        Assert.Equal("DNS lookup failed", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("did not answer", detail, StringComparison.Ordinal);
        Assert.Contains(fixture.Dns.Address, detail, StringComparison.Ordinal);
        Assert.Contains("try again", detail, StringComparison.Ordinal);
        Assert.Empty((await JsonAsync(await GetAsync(Server, aliceKey, "api/v2/namespaces?owner=" + alice), HttpStatusCode.OK)).EnumerateArray());
    }
}
