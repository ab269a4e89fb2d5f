using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Server.Web;

/// <summary>
/// What every web page's response carries: a content security policy that allows only this server's
/// own stylesheets, scripts and images (no inline script, no inline style, no frames, no plugins),
/// and caching that is correct for what the page shows. A page anyone sees the same way is stored by
/// no one but revalidated by its ETag (a hash of the HTML: a 304 costs the render, not the transfer);
/// a page for a signed-in account is private and never stored. Pages anyone sees the same way are
/// sent Brotli- or gzip-compressed; pages with a session or a form are not, since compressing a
/// secret beside text an attacker can choose lets them guess it from the sizes (BREACH).
/// </summary>
internal sealed class WebPageResponses(RequestDelegate next)
{
    /// <summary>The policy: <c>'self'</c> only; <c>data:</c> images for the inline SVG icons of the stylesheet.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

    // Pages are small (the goal is under 100 KB); a larger one is sent without an ETag.
    private const int MaxBufferedBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WebPageMetadata>() is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                // Antiforgery sets no-store on pages with a form; a signed-in page is the account's alone.
                headers.CacheControl = WebSession.IsSignedIn(context) ? "private, no-store" : "no-cache";
            }

            return Task.CompletedTask;
        });

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }

        // An empty answer (a page's NotFound(), the session policy's 403, a redirect): leave the length
        // unset, so the status pages (outside this middleware) write the HTML error page for an error.
        if (buffer.Length == 0)
        {
            return;
        }

        // Only pages anyone sees the same way: a signed-in page or one with a form (antiforgery set no-store) is never stored.
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxBufferedBytes && !WebSession.IsSignedIn(context)
            && !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
        {
            // Weak: the same page, Brotli-, gzip- or not compressed, has one tag.
            var etag = "W/\"" + Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
            response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == etag[2..])))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (response.StatusCode == StatusCodes.Status200OK && response.Headers.ETag.Count > 0
            && PreferredEncoding(context.Request) is { } encoding)
        {
            body = Compress(body.Span, encoding);
            response.Headers.ContentEncoding = encoding;
            response.Headers.Vary = "Accept-Encoding";
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await original.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static string? PreferredEncoding(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        return accepted.Contains("br", StringComparison.OrdinalIgnoreCase) ? "br"
            : accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? "gzip"
            : null;
    }

    private static byte[] Compress(ReadOnlySpan<byte> html, string encoding)
    {
        using var output = new MemoryStream(html.Length / 4);
        // Fast levels: a page is compressed per request (an ETag hit is not), and 'Fastest' already takes HTML to a fifth.
        using (Stream compressing = encoding == "br"
            ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressing.Write(html);
        }

        return output.ToArray();
    }
}
