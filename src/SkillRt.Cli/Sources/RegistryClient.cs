using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Sources;

/// <summary>
/// HTTP to one registry source: its service index, the identity API (<c>api/v1/…</c>) and the
/// resources the index lists. Every failure becomes one <see cref="CliException"/> line: a server that
/// cannot be reached names the source and says what to check; a refusal is the server's own problem
/// details (<see cref="ServerProblem"/>).
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>The header the SkillRt server (and NuGet) reads API keys from.</summary>
    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;

    /// <param name="source">The registry.</param>
    /// <param name="key">The API key to send, or null for anonymous reads.</param>
    public RegistryClient(RegistrySource source, string? key)
    {
        Source = source;
        // A 429 is waited out and retried (by Retry-After, bounded, said on stderr) before this client sees it.
        _http = new HttpClient(RateLimitRetryHandler.Create(new SocketsHttpHandler())) { Timeout = RequestTimeout };
        var version = typeof(RegistryClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("skillrt", version));
        if (key is not null)
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        }
    }

    /// <summary>The registry this client talks to.</summary>
    public RegistrySource Source { get; }

    /// <summary>An address on the server's own API, such as <c>api/v1/keys</c>.</summary>
    public Uri Api(string relative) => new(Source.ApiRoot, relative);

    /// <summary>
    /// The URL of the first resource of the service index whose <c>@type</c> is one of
    /// <paramref name="types"/> (in order of preference).
    /// </summary>
    public async Task<Uri> FindResourceAsync(string description, string[] types, CancellationToken cancellationToken) =>
        await FindOptionalResourceAsync(types, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.FeedError, $"{Source} has no {description} (its service index lists no {types[0]} resource).");

    /// <summary>The URL of the first of <paramref name="types"/> the service index lists; null when it lists none (a resource only some registries have).</summary>
    public async Task<Uri?> FindOptionalResourceAsync(string[] types, CancellationToken cancellationToken)
    {
        using var index = await GetJsonAsync(new Uri(Source.Url), cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.FeedError, $"the service index of {Source} is empty.");
        if (!index.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            throw new CliException(ExitCodes.FeedError, $"{Source} is not a NuGet V3 service index (it has no \"resources\" array); check the URL with 'skillrt sources list'.");
        }

        foreach (var type in types)
        {
            foreach (var resource in resources.EnumerateArray())
            {
                if (resource.ValueKind == JsonValueKind.Object
                    && resource.TryGetProperty("@type", out var resourceType) && resourceType.ValueKind == JsonValueKind.String
                    && string.Equals(resourceType.GetString(), type, StringComparison.OrdinalIgnoreCase)
                    && resource.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var url))
                {
                    return url;
                }
            }
        }

        return null;
    }

    /// <summary>GETs JSON; null for 204 No Content.</summary>
    public Task<JsonDocument?> GetJsonAsync(Uri url, CancellationToken cancellationToken, Func<HttpStatusCode, string?>? refusalHint = null) =>
        SendAsync(HttpMethod.Get, url, null, refusalHint, cancellationToken);

    /// <summary>Sends a request with an optional JSON body and reads the JSON answer (null for an empty one).</summary>
    /// <param name="refusalHint">What to add to the server's refusal for a status code (what to do, what was not done), or null.</param>
    public async Task<JsonDocument?> SendAsync(HttpMethod method, Uri url, byte[]? jsonBody, Func<HttpStatusCode, string?>? refusalHint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            // "Connection refused (127.0.0.1:5480)", without the inner exceptions' repeats of it.
            var messages = new System.Collections.Generic.List<string>();
            foreach (var message in Flatten(exception).Select(e => e.Message.Trim().TrimEnd('.')))
            {
                if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                {
                    messages.Add(message);
                }
            }

            var reason = string.Join(": ", messages);
            throw new CliException(
                ExitCodes.FeedError,
                $"cannot reach {Source}: {reason}. Check the URL ('skillrt sources list') and that the server is running ('skillrt serve' starts one here).",
                exception.ToString(),
                exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                ExitCodes.FeedError,
                $"{Source} did not answer {method} {url.AbsolutePath} within {RequestTimeout.TotalSeconds:0} s; check the server and the network, then try again.",
                exception.ToString(),
                exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw ServerProblem.ToException(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, url, refusalHint?.Invoke(response.StatusCode));
            }

            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException exception)
            {
                throw new CliException(
                    ExitCodes.FeedError,
                    $"{Source} answered {method} {url.AbsolutePath} with something that is not JSON; check that the URL is a SkillRt registry.",
                    body.Length > 2000 ? body[..2000] : body,
                    exception);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static System.Collections.Generic.IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
