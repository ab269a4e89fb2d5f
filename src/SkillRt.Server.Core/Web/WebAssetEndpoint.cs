using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SkillRt.Server.Web;

/// <summary>
/// Serves <see cref="WebAssets"/>: a fingerprinted path is immutable for a year; a plain name (a link
/// from elsewhere) is revalidated every time. Both answer <c>If-None-Match</c> with 304 and send
/// Brotli or gzip when the browser takes it.
/// </summary>
internal static class WebAssetEndpoint
{
    public static async Task HandleAsync(HttpContext context, WebAssets assets)
    {
        var asset = assets.Find(context.Request.Path.Value ?? string.Empty, out var fingerprinted);
        if (asset is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.CacheControl = fingerprinted ? "public, max-age=31536000, immutable" : "public, no-cache";
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        if (asset.Brotli is not null)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
        }

        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == asset.ETag || tag.Trim() == "*")))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var body = asset.Content;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        if (asset.Brotli is not null && accepted.Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            body = asset.Brotli;
            headers.ContentEncoding = "br";
        }
        else if (asset.Gzip is not null && accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = asset.Gzip;
            headers.ContentEncoding = "gzip";
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
