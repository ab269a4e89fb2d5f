using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// The home page's search: text and facets narrow the results and combine; removing a facet restores
/// them; paging; URLs that give the same results in a fresh browser; the whole page with JavaScript
/// off; bad parameters as messages; accessibility at desktop and phone width.
/// </summary>
public sealed class SearchPageTests(SearchPageFixture fixture) : IClassFixture<SearchPageFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string[]> ResultsAsync(BrowserSession session) =>
        (await session.Page.Locator(".search-result__title a").AllTextContentsAsync()).Select(t => t.Trim()).ToArray();

    private static async Task<int> TotalAsync(BrowserSession session)
    {
        var heading = (await session.Page.Locator("#results-heading").TextContentAsync())!.Trim();
        return heading.StartsWith("No skills", StringComparison.Ordinal) ? 0 : int.Parse(heading.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ILocator Facet(BrowserSession session, string facet, string value) =>
        session.Page.Locator($"section[aria-labelledby='facet-{facet}'] a.facet__option").Filter(new() { HasText = value });

    [Fact]
    public async Task The_search_box_narrows_the_results_and_an_empty_query_lists_every_skill_by_downloads()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/");
        Assert.Equal(SearchPageFixture.Total, await TotalAsync(session));
        Assert.Equal(20, (await ResultsAsync(session)).Length);

        await session.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search skills" }).FillAsync("review");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await session.Page.WaitForURLAsync("**/?q=review");
        Assert.Equal(["Contoso.PrReview", "Fabrikam.CodeReview"], (await ResultsAsync(session)).Order(StringComparer.Ordinal).ToArray());

        var first = session.Page.Locator(".search-result").Filter(new() { HasText = "Contoso.PrReview" });
        await Assertions.Expect(first).ToContainTextAsync("Network access");
        await Assertions.Expect(first).ToContainTextAsync("Environment variables");
        await Assertions.Expect(first).ToContainTextAsync("Typed output");
        await Assertions.Expect(first).ToContainTextAsync("1.0.0");
        Assert.Equal("/packages/Contoso.PrReview", await first.Locator(".search-result__title a").GetAttributeAsync("href"));
        Assert.Equal("/owners/admin", await first.Locator(".search-result__meta a").GetAttributeAsync("href"));
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task Each_facet_narrows_two_combine_and_removing_one_restores_the_results()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/");

        await Facet(session, "permission", "Network access").ClickAsync();
        await session.Page.WaitForURLAsync("**/?permission=network");
        Assert.Equal(["Contoso.PrReview", "Fabrikam.CodeReview", "Weather.Today"], (await ResultsAsync(session)).Order(StringComparer.Ordinal).ToArray());
        await Assertions.Expect(Facet(session, "permission", "Network access")).ToHaveAttributeAsync("aria-current", "true");

        await Facet(session, "owner", "bob").ClickAsync();
        await session.Page.WaitForURLAsync("**/?permission=network&owner=bob");
        Assert.Equal(["Fabrikam.CodeReview", "Weather.Today"], (await ResultsAsync(session)).Order(StringComparer.Ordinal).ToArray());

        await Facet(session, "runtime", "MCP tool").ClickAsync();
        await session.Page.WaitForURLAsync("**/?runtime=mcp-tool&permission=network&owner=bob");
        Assert.Equal(["Fabrikam.CodeReview"], await ResultsAsync(session));

        // Removing the owner (its chip above the results) gives back what the other two allow.
        await session.Page.Locator("a.active-filter").Filter(new() { HasText = "Owner: bob" }).ClickAsync();
        await session.Page.WaitForURLAsync("**/?runtime=mcp-tool&permission=network");
        Assert.Equal(["Fabrikam.CodeReview"], await ResultsAsync(session));
        await Facet(session, "runtime", "MCP tool").ClickAsync();
        await session.Page.WaitForURLAsync("**/?permission=network");
        Assert.Equal(3, await TotalAsync(session));

        // Typed output: a json output with a schema; Fabrikam.CodeReview's json output has none.
        await session.GoToAsync("/");
        await Facet(session, "typed", "Typed output (JSON Schema)").ClickAsync();
        await session.Page.WaitForURLAsync("**/?typed=true");
        Assert.Equal(["Contoso.PrReview", "Fabrikam.Translate", "Files.LineCount"], (await ResultsAsync(session)).Order(StringComparer.Ordinal).ToArray());
        await Facet(session, "permission", "File access").ClickAsync();
        // Wait for the new page: read at once, the results were once those of the page being left, or none.
        await session.Page.WaitForURLAsync(url => new Uri(url).Query.Contains("permission=filesystem", StringComparison.Ordinal));
        Assert.Equal(["Files.LineCount"], await ResultsAsync(session));
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Clear all filters" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/");
        Assert.Equal(SearchPageFixture.Total, await TotalAsync(session));

        await Assertions.Expect(session.Page.Locator("section[aria-labelledby='facet-verified']")).ToContainTextAsync("Not verified");
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task Pages_follow_each_other_and_a_shared_URL_shows_the_same_results_in_a_fresh_browser()
    {
        string url;
        string[] secondPage;
        await using (var session = await fixture.OpenAsync())
        {
            await session.GoToAsync("/?q=helper");
            var firstPage = await ResultsAsync(session);
            Assert.Equal(16, await TotalAsync(session));
            Assert.Equal(16, firstPage.Length);

            await session.GoToAsync("/");
            var pages = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of results" });
            await Assertions.Expect(pages.Locator("[aria-current=page]")).ToHaveTextAsync("Page 1");
            var top = await ResultsAsync(session);
            await pages.GetByRole(AriaRole.Link, new() { Name = "Next ›" }).ClickAsync();
            await session.Page.WaitForURLAsync("**/?page=2");
            secondPage = await ResultsAsync(session);
            Assert.Equal(SearchPageFixture.Total - 20, secondPage.Length);
            Assert.Empty(top.Intersect(secondPage));
            url = session.Page.Url;
        }

        await using (var fresh = await fixture.OpenAsync())
        {
            await fresh.GoToAsync(url);
            Assert.Equal(secondPage, await ResultsAsync(fresh));
            await Assertions.Expect(fresh.Page.Locator("link[rel=canonical]")).ToHaveAttributeAsync("href", "/?page=2");
        }

        // The same question spelled differently is one URL: canonical order, lowercase, no page 1.
        await using var other = await fixture.OpenAsync();
        await other.GoToAsync("/?owner=BOB&page=1&permission=network&q=");
        await Assertions.Expect(other.Page.Locator("link[rel=canonical]")).ToHaveAttributeAsync("href", "/?permission=network&owner=bob");
    }

    [Fact]
    public async Task Search_facets_and_paging_work_with_JavaScript_off()
    {
        await using var session = await fixture.OpenAsync(javaScript: false);
        await session.GoToAsync("/");
        await session.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search skills" }).FillAsync("review");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await session.Page.WaitForURLAsync("**/?q=review");
        Assert.Equal(2, (await ResultsAsync(session)).Length);

        await Facet(session, "owner", "bob").ClickAsync();
        await session.Page.WaitForURLAsync("**/?q=review&owner=bob");
        Assert.Equal(["Fabrikam.CodeReview"], await ResultsAsync(session));

        // A new search keeps the filters that are on.
        await session.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search skills" }).FillAsync("weather");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await session.Page.WaitForURLAsync("**/?q=weather&owner=bob");
        Assert.Equal(["Weather.Today"], await ResultsAsync(session));

        await session.GoToAsync("/?page=2");
        Assert.Equal(SearchPageFixture.Total - 20, (await ResultsAsync(session)).Length);
    }

    [Theory]
    [InlineData("/?page=-1", "is not a page number")]
    [InlineData("/?page=abc", "is not a page number")]
    [InlineData("/?page=99", "the last page, 2, is shown")]
    [InlineData("/?page=999999999999", "is not a page number")]
    [InlineData("/?typed=maybe", "must be true or false")]
    public async Task A_bad_parameter_is_a_message_on_the_page_never_an_error(string path, string message)
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GoToAsync(path);
        Assert.Equal(200, response.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        Assert.NotEmpty(await ResultsAsync(session));
    }

    [Fact]
    public async Task A_giant_query_is_a_message_not_a_search()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await client.GetAsync("/?q=" + Uri.EscapeDataString(new string('x', 20_000)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("the most this registry accepts is 256", html, StringComparison.Ordinal);
        Assert.Contains("Search not run", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_accessible_with_and_without_results_and_fits_a_phone()
    {
        await using (var session = await fixture.OpenAsync())
        {
            await session.GoToAsync("/?permission=network");
            await session.AssertAccessibleAsync();
            await session.GoToAsync("/");
            await session.AssertAccessibleAsync();
            await session.ScreenshotAsync("search");

            await session.GoToAsync("/?q=nothing-matches-this&runtime=process");
            await Assertions.Expect(session.Page.Locator(".search-empty")).ToContainTextAsync("search without any filter");
            await session.AssertAccessibleAsync();
            session.AssertNothingExecuted();
        }

        await using var phone = await fixture.OpenAsync(phone: true);
        await phone.GoToAsync("/");
        // Folded above the results (search.js), opened by its summary.
        var filters = phone.Page.Locator("details.search-filters");
        await Assertions.Expect(filters).Not.ToHaveAttributeAsync("open", "");
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.querySelector('details.search-filters').getBoundingClientRect().bottom <= document.querySelector('.search-result').getBoundingClientRect().top"));
        await phone.AssertAccessibleAsync();
        Assert.False(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The page scrolls sideways at phone width.");
        await phone.ScreenshotAsync("search-phone");
        await phone.Page.Locator("summary.search-filters__summary").ClickAsync();
        await Assertions.Expect(Facet(phone, "owner", "bob")).ToBeVisibleAsync();
    }
}
