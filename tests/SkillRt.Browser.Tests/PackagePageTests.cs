using System;
using System.Linq;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SkillRt.Registry.Tests;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// The skill page (/packages/{id}/{version?}) in a real browser: the typed contract exactly as
/// published, a hostile body that runs nothing and loads nothing, version states, the install
/// snippets and their copy buttons, findings for owners only, quarantine, 404s, accessibility.
/// </summary>
public sealed class PackagePageTests(PackagePageFixture fixture) : IClassFixture<PackagePageFixture>
{
    [Fact]
    public async Task A_published_skill_shows_its_exact_typed_inputs_and_output()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/packages/" + PackagePageFixture.Typed);
        var page = session.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(PackagePageFixture.Typed + " 1.1.0");

        // Name, type, required, default: every input as the frontmatter declared it, in order.
        var rows = await page.Locator("#skill-pr-review table.inputs tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.children].slice(0, 4).map(c => c.firstChild.textContent.trim() || c.textContent.trim()))");
        Assert.Equal(
            [
                ["pr_url", "url", "required", "none"],
                ["focus", "string", "optional", "\"all\""],
                ["max_findings", "integer", "optional", "20"],
                ["strict", "boolean", "optional", "false"],
            ],
            rows);
        await Assertions.Expect(page.Locator("#skill-pr-review table.inputs tbody tr").Nth(1)).ToContainTextAsync("one of: correctness, security, style, all");
        await Assertions.Expect(page.Locator("#skill-pr-review table.inputs tbody tr").First).ToContainTextAsync("The pull request to review.");

        // The output: property names, types and required marks, nested through the array's items.
        var lines = await page.Locator("#skill-pr-review ul.schema .schema__line").EvaluateAllAsync<string[]>(
            "lines => lines.map(l => l.textContent.replace(/\\s+/g, ' ').trim())");
        Assert.Equal(
            ["object", "verdict string required", "findings array of object required", "each item object", "file string required", "line integer required", "note string"],
            lines);
        await Assertions.Expect(page.Locator("#skill-pr-review ul.schema")).ToContainTextAsync("one of: approve, request-changes");
        await Assertions.Expect(page.Locator("#skill-pr-review ul.schema")).ToContainTextAsync("minimum: 1");
        var raw = await page.Locator("#skill-pr-review details.schema-details pre code").First.TextContentAsync();
        Assert.Contains("\"request-changes\"", raw, StringComparison.Ordinal);

        await Assertions.Expect(page.Locator("#skill-pr-review ul.permissions li")).ToHaveTextAsync(
            ["Connects to api.github.com", "Reads files under ./src", "Reads the environment variable GITHUB_TOKEN"]);
        await Assertions.Expect(page.Locator("#skill-pr-review ul.dependencies a", new() { HasText = "diff-reader" })).ToHaveAttributeAsync("href", "/packages/Page.DiffReader");
        await Assertions.Expect(page.Locator("a", new() { HasText = "https://example.com/pr-review" })).ToHaveAttributeAsync("rel", "nofollow noopener");
        await Assertions.Expect(page.Locator("a[href='https://example.com/guide']")).ToHaveAttributeAsync("rel", "nofollow ugc noopener");
        await Assertions.Expect(page.Locator(".package__facts")).ToContainTextAsync("MIT");
        await Assertions.Expect(page.Locator(".package__facts a[href='/owners/admin']")).ToHaveTextAsync("admin");
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task The_XSS_corpus_as_a_skill_body_runs_nothing_and_requests_nothing()
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GoToAsync("/packages/" + PackagePageFixture.Hostile);
        Assert.Equal(200, response.Status);
        var body = session.Page.Locator("#skill-hostile .skill-body");
        await Assertions.Expect(body).ToContainTextAsync("The end.");
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        session.AssertNothingExecuted();
        var handlers = await body.EvaluateAsync<string[]>(
            "b => [...b.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on') || a.name === 'style' || a.name === 'src' || a.name === 'srcset').map(a => e.localName + '[' + a.name + ']'))");
        Assert.Empty(handlers);
        Assert.Equal(0, await body.Locator("script, iframe, object, embed, form, input, button, svg, math, style, link, meta, base, img, video, audio").CountAsync());
        var hrefs = await body.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.All(hrefs, href => Assert.Matches("^(https?|mailto):", href));
        // The page's own skip link target and styles were not taken over.
        Assert.Equal(1, await session.Page.Locator("#main").CountAsync());
        Assert.Equal(0, await body.Locator(".alert, .skip-link").CountAsync());
        Assert.DoesNotContain(session.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Versions_show_their_states_and_any_version_has_its_page()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/packages/" + PackagePageFixture.Typed);
        var rows = session.Page.Locator("table.versions tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("1.2.0-beta.1");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("unlisted");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("prerelease");
        await Assertions.Expect(rows.Nth(1).Locator("a[aria-current=page]")).ToHaveTextAsync("1.1.0");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("deprecated");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Deprecated (legacy): It misses findings in renamed files. Use Page.PrReview [1.1.0, ) instead.");

        await session.GoToAsync($"/packages/{PackagePageFixture.Typed}/1.0.0");
        await Assertions.Expect(session.Page.Locator(".package__header .alert--warn")).ToContainTextAsync("Deprecated by its owners (legacy): It misses findings in renamed files.");
        await Assertions.Expect(session.Page.Locator(".package__header .alert--info")).ToContainTextAsync("This is not the latest version.");

        await session.GoToAsync($"/packages/{PackagePageFixture.Typed}/1.2.0-beta.1");
        await Assertions.Expect(session.Page.Locator(".package__header [aria-label='About this version']")).ToContainTextAsync("unlisted");
        await Assertions.Expect(session.Page.Locator(".package__header")).ToContainTextAsync("This version is unlisted");
    }

    [Fact]
    public async Task Install_snippets_name_the_version_and_the_generated_class_and_copy_with_javascript()
    {
        await using var session = await fixture.OpenAsync();
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.GoToAsync("/packages/" + PackagePageFixture.Typed);
        var codes = await session.Page.Locator(".snippet code").AllTextContentsAsync();
        Assert.Contains("skillrt install pr-review@1.1.0", codes);
        Assert.Contains("<PackageReference Include=\"Page.PrReview\" Version=\"1.1.0\" />", codes);
        Assert.Contains("var output = await PrReviewSkill.RunAsync(runner, new PrReviewInput(prUrl));", codes);
        Assert.Contains("<SkillFile Include=\"$(MSBuildThisFileDirectory)../skills/pr-review/SKILL.md\" Pack=\"false\" SkillRtPackage=\"Page.PrReview\" SkillRtPackagePath=\"skills/pr-review/SKILL.md\" />", codes);
        await Assertions.Expect(session.Page.Locator("#skill-pr-review")).ToContainTextAsync("the class PrReviewSkill");

        var install = session.Page.Locator(".snippet", new() { HasText = "skillrt install" }).GetByRole(AriaRole.Button);
        await install.ClickAsync();
        await Assertions.Expect(install).ToContainTextAsync("Copied");
        Assert.Equal("skillrt install pr-review@1.1.0", await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Without JavaScript there is no button, and the text is there to select.
        await using var plain = await fixture.OpenAsync(javaScript: false);
        await plain.GoToAsync("/packages/" + PackagePageFixture.Typed);
        await Assertions.Expect(plain.Page.Locator(".snippet button").First).ToBeHiddenAsync();
        await Assertions.Expect(plain.Page.Locator(".snippet code", new() { HasText = "skillrt install" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Findings_are_for_owners_and_a_quarantined_version_exists_only_for_them()
    {
        await using var anonymous = await fixture.OpenAsync();
        await anonymous.GoToAsync("/packages/" + PackagePageFixture.WithFinding);
        await Assertions.Expect(anonymous.Page.Locator("section[aria-labelledby=findings-title]")).ToContainTextAsync("shown to the package's owners and to administrators");
        Assert.Equal(0, await anonymous.Page.Locator("table.findings").CountAsync());
        Assert.Equal(404, (await anonymous.GoToAsync("/packages/" + PackagePageFixture.Held + "/1.0.0")).Status);
        Assert.Equal(404, (await anonymous.GoToAsync("/packages/" + PackagePageFixture.Held)).Status);

        await using var admin = await fixture.OpenAsync();
        await admin.SignInAsync(fixture.AdministratorKey);
        await admin.GoToAsync("/packages/" + PackagePageFixture.WithFinding);
        var finding = admin.Page.Locator("table.findings tbody tr");
        await Assertions.Expect(finding).ToHaveCountAsync(1);
        await Assertions.Expect(finding).ToContainTextAsync("medium");
        await Assertions.Expect(finding).ToContainTextAsync("SKILLSEC0202");
        await Assertions.Expect(finding).ToContainTextAsync("skills/zero-width/SKILL.md:");

        await admin.GoToAsync("/packages/" + PackagePageFixture.Held + "/1.0.0");
        await Assertions.Expect(admin.Page.Locator(".package__header [aria-label='About this version']")).ToContainTextAsync("quarantined");
        await Assertions.Expect(admin.Page.Locator("table.findings")).ToContainTextAsync("SKILLSEC0201");
    }

    [Fact]
    public async Task A_page_kept_for_visitors_shows_a_change_at_once()
    {
        // Kept for visitors who are not signed in: a 404 too, so the publish must end it.
        const string id = "Page.Kept";
        using var visitor = fixture.Server.CreateClient();
        using (var missing = await visitor.GetAsync($"packages/{id}", TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        }

        await fixture.PublishAsync(new SkillPackageBuilder(id, "1.0.0").AddStructuredSkill("kept", "Kept in the page cache."), cancellationToken: TestContext.Current.CancellationToken);
        var first = await visitor.GetStringAsync($"packages/{id}", TestContext.Current.CancellationToken);
        Assert.Contains("Kept in the page cache.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Deprecated by its owners", first, StringComparison.Ordinal);

        using var owner = fixture.Server.CreateClient(fixture.AdministratorKey);
        using (var deprecate = await owner.PutAsJsonAsync($"api/v2/package/{id}/1.0.0/deprecation", new { reasons = new[] { "Other" }, message = "Replaced." }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deprecate.StatusCode);
        }

        var second = await visitor.GetStringAsync($"packages/{id}", TestContext.Current.CancellationToken);
        Assert.Contains("Deprecated by its owners", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_package_or_version_is_the_404_page()
    {
        await using var session = await fixture.OpenAsync();
        foreach (var path in new[] { "/packages/No.Such.Package", $"/packages/{PackagePageFixture.Typed}/9.9.9", $"/packages/{PackagePageFixture.Typed}/not-a-version" })
        {
            var response = await session.GoToAsync(path);
            Assert.Equal(404, response.Status);
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        }
    }

    [Fact]
    public async Task The_page_is_accessible_on_a_desktop_and_a_phone()
    {
        await using (var desktop = await fixture.OpenAsync())
        {
            await desktop.GoToAsync("/packages/" + PackagePageFixture.Typed);
            await desktop.AssertAccessibleAsync();
            await desktop.ScreenshotAsync("package");
        }

        await using var phone = await fixture.OpenAsync(phone: true);
        await phone.GoToAsync("/packages/" + PackagePageFixture.Typed);
        await phone.AssertAccessibleAsync();
        var overflow = await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The skill page scrolls sideways at phone width.");
        await phone.ScreenshotAsync("package-phone");
        phone.AssertNothingExecuted();
    }
}
