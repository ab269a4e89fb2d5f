using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// <c>fetch_url</c>: an HTTP request to a host <c>permissions.network</c> allows. Redirects are
/// followed here, not by the handler, so every hop's host is checked before anything is sent to it.
/// </summary>
internal sealed class FetchUrlTool(BuiltinToolContext context) : BuiltinTool("fetch_url", Describe(context), Schema)
{
    /// <summary>How many redirects one call follows.</summary>
    public const int MaxRedirects = 5;

    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "url": { "type": "string", "description": "An absolute http or https URL." },
            "method": { "type": "string", "enum": ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], "description": "Default GET." },
            "body": { "type": "string", "description": "The request body, for POST, PUT and PATCH." },
            "content_type": { "type": "string", "description": "The body's media type. Default application/json." }
          },
          "required": ["url"],
          "additionalProperties": false
        }
        """);

    private static readonly ProductInfoHeaderValue UserAgent = new("SkillRt", typeof(FetchUrlTool).Assembly.GetName().Version?.ToString(3) ?? "0");

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var url = ToolArguments.GetString(arguments, "url");
        var method = new HttpMethod((ToolArguments.GetOptionalString(arguments, "method") ?? "GET").Trim().ToUpperInvariant());
        if (method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Post && method != HttpMethod.Put && method != HttpMethod.Patch && method != HttpMethod.Delete)
        {
            throw ToolArguments.Invalid($"The method '{method}' is not supported; use GET, HEAD, POST, PUT, PATCH or DELETE.");
        }

        var body = ToolArguments.GetOptionalString(arguments, "body");
        var contentType = ToolArguments.GetOptionalString(arguments, "content_type") ?? "application/json";
        // On Unix "/x" parses as an absolute file: URI, hence the scheme check here too.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ToolArguments.Invalid($"'{url}' is not an absolute http or https URL.");
        }

        using var client = new HttpClient(context.HttpHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        for (var redirects = 0; ; redirects++)
        {
            Check(uri, redirectedFrom: null);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.UserAgent.Add(UserAgent);
            if (body is not null && method != HttpMethod.Get && method != HttpMethod.Head)
            {
                request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.MediaType! : "application/json");
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (redirects == MaxRedirects)
                {
                    throw new HttpRequestException($"{uri} redirected more than {MaxRedirects} times; the last hop pointed at {location}.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                Check(next, redirectedFrom: uri);

                // As browsers do: 303, and 301/302 after a POST, continue with GET and no body; 307 and 308 repeat the request.
                if (response.StatusCode == HttpStatusCode.SeeOther ||
                    (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == HttpMethod.Post))
                {
                    method = method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
                    body = null;
                }

                uri = next;
                continue;
            }

            return await ReadResponseAsync(uri, method, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private void Check(Uri uri, Uri? redirectedFrom)
    {
        var hop = redirectedFrom is null ? string.Empty : $"{redirectedFrom} redirected to {uri}: ";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            // A redirect to file: or ftp: is refused like a host that is not listed: the server, not the model, chose it.
            throw new ToolDeniedException(ToolDenialReason.Network, $"{hop}only http and https URLs can be fetched, not {uri.Scheme}.");
        }

        // IdnHost is the name DNS sees (punycode), with IPv6 addresses in brackets, which the policy takes off.
        var host = uri.IdnHost;
        if (!context.Network.Allows(host, uri.Port))
        {
            throw new ToolDeniedException(
                ToolDenialReason.Network,
                $"{hop}the host '{host}' (port {uri.Port.ToString(CultureInfo.InvariantCulture)}) is not in permissions.network (allowed: {string.Join(", ", context.Network.Describe())}).");
        }
    }

    private static async Task<JsonElement> ReadResponseAsync(Uri uri, HttpMethod method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var contentType = response.Content.Headers.ContentType?.ToString();
        string? text = null;
        string? note = null;
        if (method != HttpMethod.Head)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var (buffer, count, more) = await TextContent.ReadAsync(stream, MaxTextBytes, cancellationToken).ConfigureAwait(false);
                if (IsBinaryType(mediaType) || !TextContent.TryDecode(buffer.AsSpan(0, count), more, Charset(response), out text))
                {
                    text = null;
                    note = $"The body is binary ({mediaType ?? "no content type"}); fetch_url shows text only.";
                }
                else if (more)
                {
                    note = $"The body is longer than {MaxTextBytes / 1024} KB; only the first {MaxTextBytes / 1024} KB are shown.";
                }
            }
        }

        return SkillJson.ToElement((uri, response, contentType, text, note), 0, static (state, writer, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("url", state.uri.AbsoluteUri);
            writer.WriteNumber("status", (int)state.response.StatusCode);
            writer.WriteString("reason", state.response.ReasonPhrase);
            writer.WriteString("content_type", state.contentType);
            if (state.text is not null)
            {
                writer.WriteString("body", state.text);
            }

            if (state.note is not null)
            {
                writer.WriteString("note", state.note);
            }

            writer.WriteEndObject();
        });
    }

    private static bool IsBinaryType(string? mediaType) =>
        mediaType is not null &&
        (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !mediaType.Contains("svg", StringComparison.OrdinalIgnoreCase) ||
         mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ||
         mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ||
         mediaType.StartsWith("font/", StringComparison.OrdinalIgnoreCase) ||
         mediaType is "application/octet-stream" or "application/pdf" or "application/zip" or "application/gzip");

    // Only the encodings .NET has built in; others (and none) read as UTF-8, the web's default.
    private static Encoding? Charset(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Describe(BuiltinToolContext context)
    {
        var hosts = context.Network.AllowsAnyHost
            ? "any host"
            : "these hosts of permissions.network only (a *. entry allows any subdomain, not the domain itself; without :port any port): " + string.Join(", ", context.Network.Describe());
        return "Sends an HTTP(S) request and returns the final URL, the status, the content type and the body as text (at most 256 KB; binary bodies are not shown). " +
            $"Reaches {hosts}. Redirects are followed up to {MaxRedirects} times, each only to an allowed host.";
    }
}
