using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Install;
using SkillRt.Cli.Sources;
using SkillRt.Signing.Transparency;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt verify</c>'s check of the author's signature: the <c>.minisig</c> the registry serves
/// beside the package must verify over the downloaded bytes with an active key of the package's owner
/// (<see cref="AuthorSignatureCheck"/>, as <c>skillrt install</c> checks it), and that key must be the
/// <c>author-key</c> of the version's transparency log entry. The registry serves both the signature and
/// the keys, so only the log can show that it swapped them: a signature by another key, a signature
/// where the log recorded an unsigned publish, or no signature where the log names a key, is tampering.
/// An unsigned version the log agrees is unsigned is reported as such, not as a failure.
/// </summary>
internal static class AuthorSignatureVerifier
{
    private const int MaxResponseBytes = 256 * 1024;

    /// <summary>Checks the author signature of <paramref name="id"/> <paramref name="version"/>.</summary>
    /// <param name="http">The client for the registry's files.</param>
    /// <param name="source">The registry, as messages name it.</param>
    /// <param name="flatContainer">The registry's <c>PackageBaseAddress/3.0.0</c>, where the <c>.minisig</c> is.</param>
    /// <param name="signing">The registry's <c>SkillRtSigning/1.0.0</c> resource, or null when its service index lists none.</param>
    /// <param name="id">The package ID.</param>
    /// <param name="version">The normalized version.</param>
    /// <param name="content">The downloaded package; read from the start.</param>
    /// <param name="entry">The version's log entry, or null when the log could not give it (the log checks say why).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public static async Task<AuthorSignatureVerification> VerifyAsync(
        HttpClient http,
        RegistrySource source,
        Uri flatContainer,
        Uri? signing,
        string id,
        string version,
        Stream content,
        LogEntry? entry,
        CancellationToken cancellationToken)
    {
        var logged = entry?.AuthorKeyId;
        if (signing is null)
        {
            return logged is null
                ? Result(LogCheckStatus.Skipped, "unsupported", $"not checked: {source} serves no author signatures (its service index lists no {PackageSignatureVerifier.ResourceType}).")
                : Result(LogCheckStatus.Failed, "failed", $"the log records author key {logged}, but {source} no longer serves signatures (its service index lists no {PackageSignatureVerifier.ResourceType}).", logged);
        }

        var lowerId = id.ToLowerInvariant();
        var lowerVersion = version.ToLowerInvariant();
        var fileName = $"{lowerId}.{lowerVersion}.nupkg.minisig";
        var (signatureText, signatureProblem) = await GetTextAsync(http, new Uri(Slash(flatContainer), $"{Uri.EscapeDataString(lowerId)}/{Uri.EscapeDataString(lowerVersion)}/{Uri.EscapeDataString(fileName)}"), cancellationToken).ConfigureAwait(false);
        if (signatureProblem is not null)
        {
            return Result(LogCheckStatus.Unavailable, "unavailable", $"cannot read the signature: {signatureProblem}; try again later.", logged);
        }

        var (keysJson, keysProblem) = await GetTextAsync(http, new Uri(Slash(signing), $"{Uri.EscapeDataString(lowerId)}/signing-keys"), cancellationToken).ConfigureAwait(false);
        if (keysProblem is not null || keysJson is null)
        {
            return Result(LogCheckStatus.Unavailable, "unavailable", $"cannot read the signing keys of {id}'s owner: {keysProblem ?? "the registry has no key list for it (404)"}; try again later.", logged);
        }

        OwnerSigningKeys keys;
        try
        {
            keys = OwnerSigningKeys.Parse(keysJson);
        }
        catch (Exception exception) when (OwnerSigningKeys.IsUnreadable(exception))
        {
            return Result(LogCheckStatus.Unavailable, "unavailable", $"{source} sent a signing key list for {id} that cannot be read ({exception.Message}).", logged);
        }

        if (signatureText is null)
        {
            if (logged is not null)
            {
                return Result(LogCheckStatus.Failed, "failed", $"the log records that this version was published signed with author key {logged}, but {source} serves no signature for it ({fileName}): the signature was removed after publishing.", logged, keys.Owner);
            }

            var policy = keys.RequireSignatures ? $"; its owner '{keys.Owner}' requires signatures now, so 'skillrt install' refuses it" : "";
            var agreed = entry is null ? "the log could not confirm it" : "the log agrees";
            return Result(LogCheckStatus.Skipped, "unsigned", $"unsigned: published without an author signature ({agreed}){policy}.", null, keys.Owner);
        }

        var result = await AuthorSignatureCheck.CheckAsync(signatureText, fileName, keys, content, cancellationToken).ConfigureAwait(false);
        var keyId = result.KeyId;
        var owner = keys.Owner;
        var failure = result.Status switch
        {
            AuthorSignatureStatus.Damaged => $"the signature {fileName} is damaged ({result.Detail}).",
            AuthorSignatureStatus.UnregisteredKey => $"signed with key {keyId}, which the owner '{owner}' has not registered.",
            AuthorSignatureStatus.RevokedKey => $"signed with key {keyId}, which the owner '{owner}' revoked on {result.Detail}; 'skillrt install' refuses it.",
            AuthorSignatureStatus.Mismatch => $"the package's bytes do not match its signature by key {keyId}: {result.Detail}",
            _ => null,
        };
        if (failure is not null)
        {
            return Result(LogCheckStatus.Failed, "failed", failure, keyId, owner);
        }

        if (entry is null)
        {
            return Result(LogCheckStatus.Passed, "verified", $"signed by key {keyId} of '{owner}'; the log entry could not be read to confirm the key (see the log checks).", keyId, owner);
        }

        if (logged is null)
        {
            return Result(LogCheckStatus.Failed, "failed", $"signed by key {keyId} of '{owner}', but the log records an unsigned publish: the signature was added after publishing.", keyId, owner);
        }

        return string.Equals(logged, keyId, StringComparison.OrdinalIgnoreCase)
            ? Result(LogCheckStatus.Passed, "verified", $"signed by key {keyId} of '{owner}', the author key the log records.", keyId, owner)
            : Result(LogCheckStatus.Failed, "failed", $"signed by key {keyId} of '{owner}', but the log records author key {logged}: the signature or the owner's keys were replaced after publishing.", keyId, owner);
    }

    private static AuthorSignatureVerification Result(LogCheckStatus status, string state, string detail, string? keyId = null, string? owner = null) =>
        new(new LogCheck(AuthorSignatureVerification.CheckName, status, detail), state, keyId, owner);

    private static Uri Slash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    /// <summary>The body of a GET, or (null, null) for 404; (null, what went wrong) for any other failure.</summary>
    private static async Task<(string? Body, string? Problem)> GetTextAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                return (null, $"{url} answered with {response.Content.Headers.ContentLength:N0} bytes, far more than a signature or key list");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Length > MaxResponseBytes ? (null, $"{url} answered with more than a signature or key list holds") : (body, null);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, $"{url}: {exception.Message}");
        }
    }
}
