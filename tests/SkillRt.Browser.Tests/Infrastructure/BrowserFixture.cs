using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using SkillRt.Registry.Tests;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// One real server and one headless Chromium for a test class. Each test opens its own
/// <see cref="BrowserSession"/> (a fresh browser context: no cookies, no storage), which records every
/// dialog and every request to another origin, so a test can prove a page ran nothing it should not.
/// Subclasses seed what the class reads in <see cref="SeedAsync"/>, through the server's real API.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; Playwright's own browsers cannot be downloaded here.</summary>
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    internal ServerProcess Server { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    internal Uri BaseUrl => Server.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does it when missing.");
        }

        // A class publishes many packages with one key, beyond the default write burst; the budgets have their own tests.
        Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>(ServerSettings())
        {
            ["SkillRt:RateLimits:Write:Burst"] = "10000",
            ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "100000",
            ["SkillRt:RateLimits:Anonymous:Burst"] = "100000",
            ["SkillRt:RateLimits:Anonymous:PermitsPerMinute"] = "100000",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        await SeedAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Extra server settings for the class.</summary>
    protected virtual IReadOnlyDictionary<string, string> ServerSettings() => new Dictionary<string, string>();

    /// <summary>Publishes what the class reads; nothing by default.</summary>
    protected virtual Task SeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A fresh browser context and page on the server, phone-sized when asked.</summary>
    internal async Task<BrowserSession> OpenAsync(bool phone = false, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            JavaScriptEnabled = javaScript,
        });
        return await BrowserSession.StartAsync(context, BaseUrl);
    }

    /// <summary>Publishes a package with <paramref name="key"/> (the administrator's by default) and checks it was accepted.</summary>
    internal async Task PublishAsync(SkillPackageBuilder package, string? key = null, CancellationToken cancellationToken = default)
    {
        using var client = Server.CreateClient();
        var file = new ByteArrayContent(package.Build());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v2/package") { Content = new MultipartFormDataContent { { file, "package", "package.nupkg" } } };
        request.Headers.Add("X-NuGet-ApiKey", key ?? AdministratorKey);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Publishing {package.Id} {package.Version} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Creates a non-administrator account; returns its first key.</summary>
    internal async Task<string> CreateAccountAsync(string name, CancellationToken cancellationToken = default)
    {
        using var client = Server.CreateClient(AdministratorKey);
        using var response = await client.PostAsJsonAsync("api/v1/accounts", new { name }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the account {name} gave {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
    }
}
