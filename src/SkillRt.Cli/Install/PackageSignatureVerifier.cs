using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace SkillRt.Cli.Install;

/// <summary>
/// Checks a downloaded package against its author's signature before anything is installed, on
/// registries that serve signatures (a SkillRt registry lists <c>SkillRtSigning/1.0.0</c> in its service
/// index). The signature (<c>{id}.{version}.nupkg.minisig</c> in the flat container) must verify over
/// the downloaded bytes with one of the keys the registry lists for the package's owner, and that key
/// must not be revoked. An unsigned version is installed unless the owner requires signatures. Other
/// feeds (nuget.org, folders) have no signatures to check.
/// </summary>
internal sealed class PackageSignatureVerifier(ILogger log, IProgress<string>? progress)
{
    /// <summary>The service index type of a registry's signing resource.</summary>
    public const string ResourceType = "SkillRtSigning/1.0.0";

    private const int MaxResponseBytes = 256 * 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    /// <summary>Returns when the package may be installed; throws a <see cref="CliException"/> saying why not otherwise.</summary>
    /// <param name="source">The feed the package came from.</param>
    /// <param name="package">The package's ID, version and how messages name its feed.</param>
    /// <param name="content">The downloaded .nupkg; read from the start, left at the start.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task VerifyAsync(PackageSource source, PackageToVerify package, Stream content, CancellationToken cancellationToken)
    {
        if (source.IsLocal)
        {
            return;
        }

        ServiceIndexResourceV3? index;
        try
        {
            index = await Repository.Factory.GetCoreV3(source).GetResourceAsync<ServiceIndexResourceV3>(cancellationToken).ConfigureAwait(false);
        }
        catch (NuGetProtocolException exception)
        {
            throw new CliException(ExitCodes.FeedError, $"cannot read the service index of {package.Source} to check the signature of {package.PackageId} {package.PackageVersion}: {exception.Message}; nothing was installed.", exception.ToString(), exception);
        }

        var signing = index?.GetServiceEntryUri(ResourceType);
        var flat = index?.GetServiceEntryUri("PackageBaseAddress/3.0.0");
        if (signing is null || flat is null)
        {
            log.LogVerbose($"{package.Source} serves no signatures; {package.PackageId} {package.PackageVersion} is installed unchecked.");
            return;
        }

        progress?.Report($"checking the signature of {package.PackageId} {package.PackageVersion}");
        using var http = new HttpClient { Timeout = Timeout };
        var lowerId = package.PackageId.ToLowerInvariant();
        var lowerVersion = package.PackageVersion.ToLowerInvariant();
        var signatureText = await GetTextAsync(http, new Uri(Slash(flat), $"{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg.minisig"), package, cancellationToken).ConfigureAwait(false);
        var keysJson = await GetTextAsync(http, new Uri(Slash(signing), $"{Uri.EscapeDataString(lowerId)}/signing-keys"), package, cancellationToken).ConfigureAwait(false)
            ?? throw Refused(package, $"{package.Source} does not list the signing keys of {package.PackageId}'s owner, so its signature cannot be checked");
        var keys = ReadKeys(keysJson, package);
        var owner = keys.Owner;

        if (signatureText is null)
        {
            if (keys.RequireSignatures)
            {
                throw Refused(package, $"it is unsigned, but its owner '{owner}' requires every version to be signed: the registry serves a version it should have refused");
            }

            log.LogInformation($"{package.DisplayName} is not signed.");
            return;
        }

        var result = await AuthorSignatureCheck.CheckAsync(signatureText, $"{lowerId}.{lowerVersion}.nupkg.minisig", keys, content, cancellationToken).ConfigureAwait(false);
        var keyId = result.KeyId;
        switch (result.Status)
        {
            case AuthorSignatureStatus.Damaged:
                throw Refused(package, $"its signature is damaged ({result.Detail})");
            case AuthorSignatureStatus.UnregisteredKey:
                throw Refused(package, $"it is signed with key {keyId}, which its owner '{owner}' has not registered");
            case AuthorSignatureStatus.RevokedKey:
                throw Refused(package, $"it is signed with key {keyId}, which its owner '{owner}' revoked on {result.Detail}; ask the owner for a version signed with an active key");
            case AuthorSignatureStatus.Mismatch:
                throw Refused(package, $"the downloaded bytes do not match its signature by key {keyId}: {result.Detail}");
        }

        log.LogInformation($"Verified the signature of {package.DisplayName}: key {keyId} of '{owner}'.");
        progress?.Report($"verified {package.PackageId} {package.PackageVersion}: signed by '{owner}' (key {keyId})");
    }

    private static Uri Slash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    /// <summary>The body of a GET, or null for 404; any other failure is the registry's fault and stops the install.</summary>
    private static async Task<string?> GetTextAsync(HttpClient http, Uri url, PackageToVerify package, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(ExitCodes.FeedError, $"{package.Source} answered {(int)response.StatusCode} {response.StatusCode} for {url.AbsolutePath}, so the signature of {package.PackageId} {package.PackageVersion} cannot be checked; nothing was installed. Try again later.");
            }

            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new CliException(ExitCodes.FeedError, $"{package.Source} answered {url.AbsolutePath} with {response.Content.Headers.ContentLength:N0} bytes, far more than a signature or key list; nothing was installed.");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Length > MaxResponseBytes
                ? throw new CliException(ExitCodes.FeedError, $"{package.Source} answered {url.AbsolutePath} with more than a signature or key list holds; nothing was installed.")
                : body;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException(ExitCodes.FeedError, $"cannot read {url} to check the signature of {package.PackageId} {package.PackageVersion}: {exception.Message}; nothing was installed. Check the network and try again.", exception.ToString(), exception);
        }
    }

    private static OwnerSigningKeys ReadKeys(string json, PackageToVerify package)
    {
        try
        {
            return OwnerSigningKeys.Parse(json);
        }
        catch (Exception exception) when (OwnerSigningKeys.IsUnreadable(exception))
        {
            throw new CliException(ExitCodes.FeedError, $"{package.Source} sent a signing key list for {package.PackageId} that cannot be read ({exception.Message}); nothing was installed.", json.Length > 2000 ? json[..2000] : json, exception);
        }
    }

    private static CliException Refused(PackageToVerify package, string why) => new(
        ExitCodes.FeedError,
        $"refusing {package.DisplayName}: {why}. Nothing was installed; the package or its signature may have been changed after it was published, so tell the registry's administrator.");
}
