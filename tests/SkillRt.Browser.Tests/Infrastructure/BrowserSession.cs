using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Browser.Tests;

/// <summary>
/// A browser context and its page, watched: every dialog (alert, confirm, prompt) is recorded and
/// dismissed, every request to an origin other than the server's is recorded and aborted, and every
/// console error and content-security-policy violation is kept, for tests to assert on.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly Uri _origin;

    private BrowserSession(IBrowserContext context, IPage page, Uri origin)
    {
        Context = context;
        Page = page;
        _origin = origin;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Dialogs the page opened (their messages): a script ran.</summary>
    public ConcurrentQueue<string> Dialogs { get; } = new();

    /// <summary>Requests to anywhere but the server (aborted before they left).</summary>
    public ConcurrentQueue<string> ForeignRequests { get; } = new();

    /// <summary>Console errors, including the browser's content-security-policy refusals.</summary>
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public static async Task<BrowserSession> StartAsync(IBrowserContext context, Uri origin)
    {
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, origin);
        page.Dialog += async (_, dialog) =>
        {
            session.Dialogs.Enqueue(dialog.Message);
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Enqueue(message.Text);
            }
        };
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" or "about" || (url.Host == origin.Host && url.Port == origin.Port))
            {
                await route.ContinueAsync();
                return;
            }

            session.ForeignRequests.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
        return session;
    }

    /// <summary>Goes to <paramref name="path"/> and returns the response, failing on no response.</summary>
    public async Task<IResponse> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        return response!;
    }

    /// <summary>Signs in on the sign-in page with <paramref name="key"/>.</summary>
    public async Task SignInAsync(string key)
    {
        await GoToAsync("/account/sign-in");
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Runs axe-core in the page; fails on any serious or critical violation, naming each.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"Accessibility violations on {Page.Url}:\n" + string.Join("\n", severe.Select(Describe)));
    }

    /// <summary>Nothing ran that should not have: no dialog, no request to another origin.</summary>
    public void AssertNothingExecuted()
    {
        Assert.True(Dialogs.IsEmpty, "A dialog opened: " + string.Join(" | ", Dialogs));
        Assert.True(ForeignRequests.IsEmpty, "Requests left for another origin: " + string.Join(" | ", ForeignRequests));
    }

    /// <summary>
    /// Saves a screenshot for the docs: into docs/images/web/ when SKILLRT_UPDATE_SCREENSHOTS=1 (then
    /// review and commit them), into the test output otherwise, so every run proves they can be made.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("SKILLRT_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "web")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is empty.");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} ({string.Join(", ", violation.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})";
}
