using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// Pushes a package as <c>dotnet nuget push</c> does: the service index names the
/// <c>PackagePublish/2.0.0</c> resource, and the package is PUT there as the file of a multipart form,
/// with the key in <c>X-NuGet-ApiKey</c>. Written on HttpClient rather than NuGet's
/// PackageUpdateResource, which throws the server's answer away: a SkillRt registry's refusal carries
/// the diagnostics of every SKILL.md it checked, and those are what the user needs to see. A folder
/// feed is written by NuGet's own code, as <c>dotnet nuget push</c> writes it.
/// </summary>
internal static class PackagePusher
{
    private const string PublishResourceType = "PackagePublish/2.0.0";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Pushes <paramref name="package"/>, with its minisign signature <paramref name="signature"/> (a
    /// <c>.minisig</c> file) as a part named <c>signature</c> when there is one; returns the warnings the
    /// server sent back, in compiler format.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PushAsync(string package, string id, NuGetVersion version, PublishTarget target, string? apiKey, CancellationToken cancellationToken, string? signature = null)
    {
        var name = id + " " + version.ToNormalizedString();
        if (target.IsFolder)
        {
            if (signature is not null)
            {
                throw new CliException(ExitCodes.UsageError, $"the folder feed '{target.Location}' keeps packages only, not signatures; publish the signed package to a SkillRt registry, or leave the .minisig out (--no-signature).");
            }

            await PushToFolderAsync(package, id, version, target, name, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var source = new Uri(target.Location);
        if (source.Scheme == Uri.UriSchemeHttp && !target.AllowInsecureConnections)
        {
            throw new CliException(
                ExitCodes.UsageError,
                $"'{target.Location}' is plain HTTP, and the API key would cross the network readable; use its https:// URL (plain HTTP is allowed on this machine's loopback, or for a NuGet.config source with allowInsecureConnections=\"true\").");
        }

        // A 429 is waited out and retried (by Retry-After, bounded, said on stderr); the package is a file
        // stream, which the multipart content rewinds for the next attempt.
        using var client = new HttpClient(RateLimitRetryHandler.Create(new SocketsHttpHandler { AllowAutoRedirect = true })) { Timeout = Timeout };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("skillrt", SkillRtVersion.Current.ToNormalizedString()));
        var publish = await FindPublishResourceAsync(client, source, cancellationToken).ConfigureAwait(false);

        await using var stream = File.OpenRead(package);
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(stream);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "package", "package.nupkg");
        if (signature is not null)
        {
            var signaturePart = new ByteArrayContent(await File.ReadAllBytesAsync(signature, cancellationToken).ConfigureAwait(false));
            signaturePart.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            content.Add(signaturePart, "signature", "package.nupkg.minisig");
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, publish) { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", apiKey);
        request.Headers.Add("X-NuGet-Protocol-Version", "4.1.0");

        using var response = await SendAsync(client, request, source, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return [.. PublishRefusal.Read(body, "warnings").Diagnostics, .. PublishScreeningLines.Read(response.StatusCode, body, name)];
        }

        throw Refused(response.StatusCode, body, target.Location, name, apiKey);
    }

    private static async Task<Uri> FindPublishResourceAsync(HttpClient client, Uri source, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        using var response = await SendAsync(client, request, source, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var said = PublishRefusal.Read(body, "diagnostics").Summary;
            throw new CliException(
                ExitCodes.FeedError,
                $"'{source}' answered {(int)response.StatusCode} {response.StatusCode} for its service index{(said is null ? string.Empty : ": " + said)}; check the URL: a registry's is https://host/v3/index.json.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    if (resource.ValueKind == JsonValueKind.Object
                        && resource.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String
                        && type.GetString()!.StartsWith(PublishResourceType, StringComparison.Ordinal)
                        && resource.TryGetProperty("@id", out var location) && location.ValueKind == JsonValueKind.String
                        && Uri.TryCreate(source, location.GetString(), out var url))
                    {
                        return url;
                    }
                }

                throw new CliException(ExitCodes.FeedError, $"'{source}' does not accept pushed packages: its service index has no {PublishResourceType} resource; check the URL.");
            }
        }
        catch (JsonException)
        {
        }

        throw new CliException(ExitCodes.FeedError, $"'{source}' is not a NuGet V3 service index (its answer is not a JSON document with 'resources'); pass the registry's service index URL, such as https://host/v3/index.json.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, Uri source, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException(ExitCodes.FeedError, $"cannot reach '{source}': {exception.Message}; check the URL, the network, and that the server is running.", exception.ToString(), exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.FeedError, $"'{source}' did not answer within {Timeout.TotalMinutes:0} minutes; try again, or check the server.", exception.ToString(), exception);
        }
    }

    /// <summary>One line for what the user can act on; the server's diagnostics, when it sent any, above it.</summary>
    private static CliException Refused(HttpStatusCode status, string body, string source, string name, string? apiKey)
    {
        var refusal = PublishRefusal.Read(body, "diagnostics");
        var said = refusal.Summary is { } summary ? ": " + Scrub(summary, apiKey).TrimEnd('.') : string.Empty;
        var detail = $"{(int)status} {status} from {source}\n{Scrub(body, apiKey)}";
        if (refusal.Diagnostics.Count > 0)
        {
            return new CliException(ExitCodes.InvalidSkill, $"{source} refused {name}{said}. Fix the lines above and publish again.", detail) { Diagnostics = refusal.Diagnostics };
        }

        return status switch
        {
            HttpStatusCode.Conflict => new CliException(ExitCodes.FeedError, $"{source} already has {name}{said}; a published version never changes: raise the skill's version and publish again.", detail),
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.FeedError, $"{source} did not accept the API key{said}; check the key (--api-key-stdin or {PublishApiKey.EnvironmentVariable}), and that it has not expired or been revoked.", detail),
            HttpStatusCode.Forbidden => new CliException(ExitCodes.FeedError, $"{source} refused {name} for this API key{said}; the key needs the registry:publish scope and a package pattern that matches '{name.Split(' ')[0]}', and its owner must own the package.", detail),
            HttpStatusCode.RequestEntityTooLarge => new CliException(ExitCodes.FeedError, $"{source} refused {name} as too large{said}.", detail),
            _ when (int)status >= 500 => new CliException(ExitCodes.FeedError, $"{source} failed while publishing {name} ({(int)status} {status}){said}; try again later, or tell the registry's administrator.", detail),
            _ => new CliException(ExitCodes.FeedError, $"{source} refused {name} ({(int)status} {status}){said}.", detail),
        };
    }

    private static string Scrub(string text, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

    /// <summary>A folder feed: NuGet quietly keeps an existing file, so a version it has is refused here, as a server would.</summary>
    private static async Task PushToFolderAsync(string package, string id, NuGetVersion version, PublishTarget target, string name, CancellationToken cancellationToken)
    {
        var fileName = id + "." + version.ToNormalizedString() + ".nupkg";
        if (Directory.EnumerateFiles(target.Location, "*.nupkg", SearchOption.AllDirectories).Any(f => string.Equals(Path.GetFileName(f), fileName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new CliException(ExitCodes.FeedError, $"the folder feed '{target.Location}' already has {name}; a published version never changes: raise the skill's version and publish again.");
        }

        try
        {
            var repository = Repository.Factory.GetCoreV3(new PackageSource(target.Location));
            var resource = await repository.GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("NuGet has no push resource for a folder feed");
            await resource.Push(
                [package],
                symbolSource: null,
                timeoutInSecond: (int)Timeout.TotalSeconds,
                disableBuffering: false,
                getApiKey: _ => null,
                getSymbolApiKey: _ => null,
                noServiceEndpoint: false,
                skipDuplicate: false,
                symbolPackageUpdateResource: null,
                log: NullLogger.Instance).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.FeedError, $"cannot write {name} into the folder feed '{target.Location}': {exception.Message}; check the folder's permissions.", exception.ToString(), exception);
        }
    }
}
