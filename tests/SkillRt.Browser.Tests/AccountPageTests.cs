using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// The account pages: who you are, and API keys created and revoked in the browser with the API's
/// rules. A key made in the page must work against the API, and one revoked there must stop working.
/// </summary>
public sealed class AccountPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_created_in_the_page_works_against_the_API_once_and_stops_when_revoked()
    {
        var accountKey = await fixture.CreateAccountAsync("key-maker", Ct);
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(accountKey);
        await session.GoToAsync("/account/keys");
        var page = session.Page;

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ci publish");
        foreach (var box in await page.Locator("input[name=scopes]:not([disabled])").AllAsync())
        {
            await box.UncheckAsync();
        }

        await page.GetByLabel("registry:publish").CheckAsync();
        await page.GetByLabel("Packages").FillAsync("KeyMaker.*\nOther.Exact");
        await page.GetByLabel("Expires in (days)").FillAsync("30");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync(),
            response => response.Request.Method == "POST");

        Assert.Equal(200, answer.Status);
        Assert.Contains("no-store", await answer.HeaderValueAsync("cache-control"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#created-key")).ToContainTextAsync("copy its secret now");
        var secret = await page.GetByLabel("Secret of “ci publish”").InputValueAsync();
        Assert.StartsWith("skr_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        var row = page.Locator("#keys tbody tr", new() { HasText = "ci publish" });
        await Assertions.Expect(row).ToContainTextAsync("KeyMaker.*, Other.Exact");
        await session.AssertAccessibleAsync();
        await session.ScreenshotAsync("account-keys");

        using (var client = fixture.Server.CreateClient(secret))
        {
            var account = await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct);
            Assert.Equal("key-maker", account.GetProperty("name").GetString());
            Assert.Equal(["registry:publish"], account.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(["KeyMaker.*", "Other.Exact"], account.GetProperty("key").GetProperty("packages").EnumerateArray().Select(s => s.GetString()));
        }

        // Shown once: the list, reloaded, has the key's first characters only.
        await session.GoToAsync("/account/keys");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Link, new() { NameRegex = new("^Revoke") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Revoke “ci publish”?");
        await session.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke “ci publish”" }).ClickAsync();
        await Assertions.Expect(page.Locator("#revoked-key")).ToContainTextAsync("ci publish");
        await Assertions.Expect(row).ToContainTextAsync("Revoked");

        using (var client = fixture.Server.CreateClient(secret))
        {
            using var refused = await client.GetAsync("api/v1/account", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        session.AssertNothingExecuted();
    }

    [Fact]
    public async Task The_service_rules_are_shown_next_to_the_field_they_concern()
    {
        var accountKey = await fixture.CreateAccountAsync("rule-reader", Ct);
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(accountKey);
        await session.GoToAsync("/account/keys");
        var page = session.Page;

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("too wide");
        await page.GetByLabel("Packages").FillAsync("bad pattern with spaces");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#packages-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Packages")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("too wide");

        await page.GetByLabel("Packages").FillAsync("");
        await page.GetByLabel("Expires in (days)").FillAsync("99999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#expiresInDays-error")).ToContainTextAsync("outside 1–3650");
        await session.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_session_without_keys_manage_cannot_create_and_says_why()
    {
        var accountKey = await fixture.CreateAccountAsync("no-manage", Ct);
        var publishOnly = await CreateKeyAsync(accountKey, "publish only", ["registry:publish"]);
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(publishOnly);
        await session.GoToAsync("/account/keys");
        await Assertions.Expect(session.Page.Locator("#keys-refused")).ToContainTextAsync("keys:manage");
        Assert.Equal(0, await session.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).CountAsync());

        // A crafted POST, with a valid antiforgery token, is refused by the same rule.
        var token = await AntiforgeryTokenAsync(session);
        var form = session.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("Name", "sneaky");
        form.Set("scopes", "registry:publish");
        var response = await session.Context.APIRequest.PostAsync("/account/keys?handler=create", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(403, response.Status);
        Assert.Contains("keys:manage", await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("sneaky", await KeyNamesAsync(accountKey));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var accountKey = await fixture.CreateAccountAsync("forgery-target", Ct);
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(accountKey);
        var form = session.Context.APIRequest.CreateFormData();
        form.Set("Name", "forged");
        form.Set("scopes", "registry:publish");
        var created = await session.Context.APIRequest.PostAsync("/account/keys?handler=create", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(400, created.Status);

        var firstKey = (await KeysAsync(accountKey)).Single();
        var revoke = await session.Context.APIRequest.PostAsync($"/account/keys/{firstKey.GetProperty("id").GetString()}/revoke", new() { Form = session.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, revoke.Status);

        var keys = await KeysAsync(accountKey);
        Assert.DoesNotContain("forged", keys.Select(k => k.GetProperty("name").GetString()));
        Assert.All(keys, k => Assert.Equal(JsonValueKind.Null, k.GetProperty("revokedAt").ValueKind));
    }

    [Fact]
    public async Task Revoking_the_sessions_own_key_signs_out()
    {
        var accountKey = await fixture.CreateAccountAsync("self-revoker", Ct);
        var sessionKey = await CreateKeyAsync(accountKey, "browser", ["keys:manage"]);
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(sessionKey);
        await session.GoToAsync("/account/keys");
        var page = session.Page;
        await page.Locator("#keys tbody tr", new() { HasText = "browser" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Revoke") }).ClickAsync();
        await Assertions.Expect(page.Locator("#revoke-session-warning")).ToContainTextAsync("signs you out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke “browser”" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-ended")).ToBeVisibleAsync();
        var again = await session.GoToAsync("/account/keys");
        Assert.Contains("/account/sign-in", again.Url, StringComparison.Ordinal);
        using var client = fixture.Server.CreateClient(sessionKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_account_page_sends_anonymous_visitors_to_sign_in_and_back()
    {
        await using var session = await fixture.OpenAsync(phone: true);
        var response = await session.GoToAsync("/account/keys");
        Assert.Contains("/account/sign-in?ReturnUrl=%2Faccount%2Fkeys", session.Page.Url, StringComparison.Ordinal);
        Assert.Equal(200, response.Status);

        await session.Page.GetByLabel("API key").FillAsync(fixture.AdministratorKey);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => url.EndsWith("/account/keys", StringComparison.Ordinal));

        await session.GoToAsync("/account");
        var page = session.Page;
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync("admin");
        await Assertions.Expect(page.Locator("#account-role")).ToContainTextAsync("Administrator");
        await Assertions.Expect(page.Locator("#account-owners")).ToContainTextAsync("admin");
        await Assertions.Expect(page.Locator("#session-key")).ToContainTextAsync("keys:manage");
        await session.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The account page scrolls sideways at phone width.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await session.GoToAsync("/account");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    private static async Task<string> AntiforgeryTokenAsync(BrowserSession session)
    {
        await session.GoToAsync("/account");
        return (await session.Page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync())!;
    }

    private async Task<string> CreateKeyAsync(string key, string name, string[] scopes)
    {
        using var client = fixture.Server.CreateClient(key);
        using var response = await client.PostAsJsonAsync("api/v1/keys", new { name, scopes }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
    }

    private async Task<JsonElement[]> KeysAsync(string key)
    {
        using var client = fixture.Server.CreateClient(key);
        return (await client.GetFromJsonAsync<JsonElement[]>("api/v1/keys", Ct))!;
    }

    private async Task<string?[]> KeyNamesAsync(string key) => (await KeysAsync(key)).Select(k => k.GetProperty("name").GetString()).ToArray();
}
