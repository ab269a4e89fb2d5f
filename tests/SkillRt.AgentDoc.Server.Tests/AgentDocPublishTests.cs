using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.AgentDoc.Server.Tests;

/// <summary>Publishing agent-docs through the registry's normal push: validated there, refused with located diagnostics.</summary>
public sealed class AgentDocPublishTests(AgentDocServerFixture fixture) : IClassFixture<AgentDocServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement[]> DiagnosticsAsync(System.Net.Http.HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return problem.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.Clone()).ToArray();
    }

    [Fact]
    public async Task An_agent_doc_package_is_accepted_and_a_broken_one_is_refused_at_its_line()
    {
        using var accepted = await fixture.PushAsync(AgentDocServerFixture.Package("Publish.Good", "1.0.0", MailerDoc.Yaml("publish.good", "1.0.0")), Ct);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        var broken = MailerDoc.Yaml("publish.broken", "1.0.0").Replace("method: POST", "method: FETCH", System.StringComparison.Ordinal);
        using var refused = await fixture.PushAsync(AgentDocServerFixture.Package("Publish.Broken", "1.0.0", broken), Ct);
        var diagnostic = Assert.Single(await DiagnosticsAsync(refused));
        Assert.Equal("ADOC0104", diagnostic.GetProperty("id").GetString());
        Assert.Equal("agent-doc.yaml", diagnostic.GetProperty("file").GetString());
        Assert.Equal(12, diagnostic.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task The_doc_must_be_named_and_versioned_as_its_package_and_be_in_it()
    {
        using var misnamed = await fixture.PushAsync(AgentDocServerFixture.Package("Publish.Named", "1.0.0", MailerDoc.Yaml("someone-else", "1.0.0")), Ct);
        Assert.Equal("ADOC0902", Assert.Single(await DiagnosticsAsync(misnamed)).GetProperty("id").GetString());

        using var misversioned = await fixture.PushAsync(AgentDocServerFixture.Package("Publish.Versioned", "2.0.0", MailerDoc.Yaml("publish.versioned", "1.0.0")), Ct);
        var version = Assert.Single(await DiagnosticsAsync(misversioned));
        Assert.Equal("ADOC0903", version.GetProperty("id").GetString());
        Assert.Contains("identity.version is '1.0.0' but the package version is '2.0.0'", version.GetProperty("message").GetString(), System.StringComparison.Ordinal);

        using var empty = await fixture.PushAsync(AgentDocServerFixture.Package("Publish.Empty", "1.0.0", null), Ct);
        Assert.Equal("ADOC0901", Assert.Single(await DiagnosticsAsync(empty)).GetProperty("id").GetString());
    }
}
