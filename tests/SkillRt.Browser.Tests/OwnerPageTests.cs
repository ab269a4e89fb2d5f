using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SkillRt.Registry.Tests;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// Seeds an organisation (two members, a reserved prefix, a package with stable and prerelease
/// versions) and a user with more packages than one page holds.
/// </summary>
public sealed class OwnerPageFixture : BrowserFixture
{
    public const int ProlificPackages = 21;

    protected override async Task SeedAsync(CancellationToken cancellationToken)
    {
        var founder = await CreateAccountAsync("org-founder", cancellationToken);
        await CreateAccountAsync("org-member", cancellationToken);
        using (var client = Server.CreateClient(founder))
        {
            await Expect(await client.PostAsJsonAsync("api/v1/organizations", new { name = "contoso" }, cancellationToken), HttpStatusCode.Created, cancellationToken);
            await Expect(await client.PutAsync("api/v1/organizations/contoso/members/org-member", null, cancellationToken), HttpStatusCode.NoContent, cancellationToken);
        }

        using (var admin = Server.CreateClient(AdministratorKey))
        {
            await Expect(await admin.PostAsJsonAsync("api/v2/namespaces", new { prefix = "Contoso.", owner = "contoso" }, cancellationToken), HttpStatusCode.OK, cancellationToken);
        }

        // New IDs under the organisation's prefix belong to the organisation.
        foreach (var version in new[] { "1.0.0", "1.1.0", "2.0.0-beta" })
        {
            await PublishAsync(new SkillPackageBuilder("Contoso.Alpha", version) { Description = "Reviews pull requests " + version + "." }.AddStructuredSkill("alpha", "Reviews pull requests."), founder, cancellationToken);
        }

        var prolific = await CreateAccountAsync("prolific", cancellationToken);
        for (var i = 0; i < ProlificPackages; i++)
        {
            await PublishAsync(new SkillPackageBuilder($"Prolific.Skill{i:D2}", "1.0.0").AddStructuredSkill($"skill{i:D2}", "Does thing " + i + "."), prolific, cancellationToken);
        }
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (response.StatusCode != status)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}

/// <summary>The owner page: who an owner is, its members and prefixes, and its packages a page at a time.</summary>
public sealed class OwnerPageTests(OwnerPageFixture fixture) : IClassFixture<OwnerPageFixture>
{
    [Fact]
    public async Task An_organisation_shows_its_members_prefixes_and_packages()
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GoToAsync("/owners/contoso");
        Assert.Equal(200, response.Status);
        var page = session.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("contoso");
        await Assertions.Expect(page.Locator("#owner-kind")).ToHaveTextAsync("Organisation");
        Assert.Equal(["org-founder", "org-member"], await page.Locator("#owner-members li").AllInnerTextsAsync());
        await Assertions.Expect(page.Locator("#owner-namespaces")).ToContainTextAsync("Contoso.*");
        await Assertions.Expect(page.Locator("#owner-namespaces")).ToContainTextAsync("Reserved");

        var package = page.Locator("#owner-packages li").Filter(new() { HasText = "Contoso.Alpha" });
        await Assertions.Expect(package.GetByRole(AriaRole.Link, new() { Name = "Contoso.Alpha" })).ToHaveAttributeAsync("href", "/packages/Contoso.Alpha");
        // The latest stable version, and its description; the prerelease does not count as latest.
        await Assertions.Expect(package).ToContainTextAsync("Latest 1.1.0");
        await Assertions.Expect(package).ToContainTextAsync("Reviews pull requests 1.1.0.");
        await Assertions.Expect(package).ToContainTextAsync("0 downloads");

        await session.AssertAccessibleAsync();
        await session.ScreenshotAsync("owner");
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task A_users_packages_are_paged_and_an_unknown_owner_is_not_found()
    {
        await using var session = await fixture.OpenAsync(phone: true);
        await session.GoToAsync("/owners/prolific");
        var page = session.Page;
        await Assertions.Expect(page.Locator("#owner-kind")).ToHaveTextAsync("User");
        Assert.Equal(0, await page.Locator("#owner-members").CountAsync());
        await Assertions.Expect(page.Locator("#owner-packages > li")).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/owners/prolific?page=2", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#owner-packages > li")).ToHaveCountAsync(OwnerPageFixture.ProlificPackages - 20);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The owner page scrolls sideways at phone width.");
        await session.AssertAccessibleAsync();

        var missing = await session.GoToAsync("/owners/nobody-at-all");
        Assert.Equal(404, missing.Status);
    }
}
