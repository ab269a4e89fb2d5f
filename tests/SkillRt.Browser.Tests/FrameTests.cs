using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>The frame every page shares: headers, assets and their caching, themes, sign-in, phone width.</summary>
public sealed class FrameTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_forbids_inline_script_and_foreign_content()
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GoToAsync("/account/sign-in");
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);

        // The browser enforces it: a script added inline does not run.
        await session.Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");
        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.__ran === true"));
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task Assets_are_fingerprinted_immutable_and_revalidate()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/account/sign-in");
        var stylesheet = await session.Page.Locator("link[rel=stylesheet]").GetAttributeAsync("href");
        Assert.Matches("^/assets/site\\.[0-9a-f]{12}\\.css$", stylesheet);

        using var client = fixture.Server.CreateClient();
        using var first = await client.GetAsync(stylesheet, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Public && first.Headers.CacheControl.MaxAge == TimeSpan.FromDays(365));
        Assert.Contains("immutable", first.Headers.CacheControl.Extensions.Select(e => e.Name));

        using var again = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        using var unknown = await client.GetAsync("/assets/site.000000000000.css", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_public_page_revalidates_by_etag_and_is_compressed_and_a_signed_in_page_is_never_stored()
    {
        using var client = fixture.Server.CreateClient();
        using var first = new HttpRequestMessage(HttpMethod.Get, "/");
        first.Headers.Accept.ParseAdd("text/html");
        first.Headers.AcceptEncoding.ParseAdd("br");
        using var page = await client.SendAsync(first, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoCache);
        Assert.False(page.Headers.CacheControl.NoStore);
        Assert.True(page.Headers.ETag!.IsWeak);
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", page.Headers.Vary);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.Accept.ParseAdd("text/html");
        again.Headers.IfNoneMatch.Add(page.Headers.ETag);
        using var revalidated = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Ct));

        // Signed in, the same page is the account's alone: not stored, not compressed (BREACH), no ETag.
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(fixture.AdministratorKey);
        var signedIn = await session.GoToAsync("/");
        var headers = await signedIn.AllHeadersAsync();
        Assert.Equal("private, no-store", headers["cache-control"]);
        Assert.False(headers.ContainsKey("content-encoding"));
        Assert.False(headers.ContainsKey("etag"));
    }

    [Fact]
    public async Task Signing_in_with_a_key_starts_a_session_and_a_wrong_key_is_refused()
    {
        await using var session = await fixture.OpenAsync();
        await session.GoToAsync("/account/sign-in");
        await session.Page.GetByLabel("API key").FillAsync("skr_not-a-real-key-at-all-000000000000000000");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(session.Page.Locator("#sign-in-error")).ToContainTextAsync("not known to this server");

        await session.SignInAsync(fixture.AdministratorKey);
        await session.GoToAsync("/account/sign-out");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("admin");
        var cookie = (await session.Context.CookiesAsync()).Single(c => c.Name == "skillrt.session");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(fixture.AdministratorKey, cookie.Value, StringComparison.Ordinal);
        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task A_missing_page_is_a_page_for_browsers_and_a_problem_document_for_clients()
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GoToAsync("/no/such/page");
        Assert.Equal(404, response.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");

        using var client = fixture.Server.CreateClient();
        using var api = await client.GetAsync("/no/such/page", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_theme_follows_the_system_and_the_toggle_remembers_a_choice()
    {
        await using var session = await fixture.OpenAsync();
        await session.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await session.GoToAsync("/account/sign-in");
        var dark = await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await session.Page.Locator("[data-theme-toggle]").ClickAsync();
        var light = await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual(dark, light);
        Assert.Equal("rgb(255, 255, 255)", light);

        await session.Page.ReloadAsync();
        Assert.Equal(light, await session.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    [Fact]
    public async Task The_sign_in_page_is_accessible_and_fits_a_phone()
    {
        await using var session = await fixture.OpenAsync(phone: true);
        await session.GoToAsync("/account/sign-in");
        await session.AssertAccessibleAsync();
        var overflow = await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page scrolls sideways at phone width.");
        await session.ScreenshotAsync("sign-in-phone");
    }
}
