using System;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace SkillRt.Server.Web;

/// <summary>
/// Errors as a person sees them: when a browser navigates (it asks for <c>text/html</c>) and the
/// answer is an error without a body (a missing page, a refusal, a failure), it gets a short page in
/// the site's style saying what happened and where to go, instead of a problem document. Everything
/// else (API clients, NuGet) keeps getting RFC 9457 problem documents.
/// </summary>
internal sealed class WebStatusPages : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method))
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/v3", StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var assets = http.RequestServices.GetRequiredService<WebAssets>();
        var (title, advice) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is no page at this address. Search the skills instead."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your session's key does not allow this page. Sign in with a key that has the scope it needs."),
            StatusCodes.Status401Unauthorized => ("Sign in first", "This page needs a session: sign in with one of your API keys."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a moment and try again."),
            >= 500 => ("Something went wrong", "The server could not answer. Try again; if it keeps failing, the server's log says why."),
            _ => (ReasonPhrases.GetReasonPhrase(status), context.ProblemDetails.Detail ?? "Go back to the skills."),
        };
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = WebPageResponses.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>{Encode(title)} · SkillRt</title>
                <link rel="icon" href="{assets.Url("favicon.svg")}" type="image/svg+xml">
                <link rel="stylesheet" href="{assets.Url("site.css")}">
                <script src="{assets.Url("theme.js")}"></script>
            </head>
            <body>
                <header class="site-header"><div class="site-header__inner"><a class="brand" href="/"><img src="{assets.Url("favicon.svg")}" alt="" width="24" height="24"><span>SkillRt</span></a></div></header>
                <main id="main" class="site-main narrow">
                    <p class="muted">Error {status}</p>
                    <h1>{Encode(title)}</h1>
                    <p>{Encode(advice)}</p>
                    <p><a class="button" href="/">Search skills</a>{(status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden ? $""" <a class="button" href="{WebSession.SignInPath}">Sign in</a>""" : string.Empty)}</p>
                </main>
            </body>
            </html>
            """;
        await http.Response.WriteAsync(html, http.RequestAborted).ConfigureAwait(false);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
