using System;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>The service index lists every resource a NuGet client and skillrt look for, at the server's own address.</summary>
public sealed class ServiceIndexTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("PackagePublish/2.0.0", "api/v2/package")]
    [InlineData("PackageBaseAddress/3.0.0", "v3/flatcontainer/")]
    [InlineData("RegistrationsBaseUrl/3.6.0", "v3/registration/")]
    [InlineData("SearchQueryService/3.5.0", "v3/search")]
    [InlineData("SearchAutocompleteService/3.5.0", "v3/autocomplete")]
    [InlineData("SkillRtSkillManifest/1.0.0", "v3/skills/")]
    public async Task Every_resource_is_listed_at_the_servers_address(string type, string path)
    {
        using var client = fixture.Server.CreateClient();
        var index = await client.GetFromJsonAsync<JsonElement>("v3/index.json", Ct);
        Assert.Equal("3.0.0", index.GetProperty("version").GetString());
        var resource = index.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("@type").GetString() == type);
        Assert.Equal(new Uri(fixture.Server.BaseUrl, path).ToString(), resource.GetProperty("@id").GetString());
    }
}
