using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SkillRt.Registry.Hosting;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Reading;

/// <summary>
/// PackageBaseAddress/3.0.0, what <c>dotnet restore</c> reads: a package's versions
/// (<c>{id}/index.json</c>, listed and unlisted, as nuget.org), its .nupkg and its .nuspec.
/// </summary>
internal static class FlatContainerEndpoints
{
    public static async Task<IResult> VersionsAsync(string id, PackageReader reader, CancellationToken cancellationToken)
    {
        if (await reader.FindPackageAsync(id, cancellationToken).ConfigureAwait(false) is not { } package)
        {
            return ReadProblems.PackageNotFound(id);
        }

        var versions = await reader.GetVersionsAsync(package.Id, listedOnly: false, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { versions = versions.Select(v => v.NormalizedVersion).ToList() });
    }

    /// <summary>
    /// <c>{id}/{version}/{file}</c>: the .nupkg (<c>{id}.{version}.nupkg</c>, counted as a download
    /// unless the client has it already) or the .nuspec (<c>{id}.nuspec</c>).
    /// </summary>
    public static async Task<IResult> FileAsync(string id, string version, string file, HttpContext context, DownloadLocator locator, DownloadCounter counter, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = PackageReader.Normalize(version);
        var name = file.ToLowerInvariant();
        if (name.EndsWith(".nupkg.minisig", StringComparison.Ordinal) && lowerVersion is not null && name == $"{lowerId}.{lowerVersion}.nupkg.minisig")
        {
            return await Signing.SigningEndpoints.ServeSignatureFileAsync(id, version, context, cancellationToken).ConfigureAwait(false);
        }

        if (lowerVersion is not null && name == $"{lowerId}.nuspec")
        {
            var reader = context.RequestServices.GetRequiredService<PackageReader>();
            return await reader.FindVersionAsync(id, version, cancellationToken).ConfigureAwait(false) is { } found
                ? Results.Text(found.Version.Nuspec, "application/xml", Encoding.UTF8)
                : ReadProblems.VersionNotFound(id, version);
        }

        if (lowerVersion is null || name != $"{lowerId}.{lowerVersion}.nupkg" && name != $"{lowerId}.{version.ToLowerInvariant()}.nupkg")
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not a package file",
                detail: $"The flat container serves '{lowerId}.{lowerVersion ?? version}.nupkg' and '{lowerId}.nuspec' under {lowerId}/{lowerVersion ?? version}/; '{file}' is neither.");
        }

        if (await locator.FindAsync(id, version, context.RequestServices, cancellationToken).ConfigureAwait(false) is not { } download)
        {
            return ReadProblems.VersionNotFound(id, version);
        }

        // The content never changes (its name is its hash), so the hash is a strong validator.
        var etag = new EntityTagHeaderValue($"\"{download.PackageSha256}\"");
        var request = context.Request;
        if (request.Headers.IfNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (HttpMethods.IsGet(request.Method))
        {
            counter.Add(download.RegistrationId, download.VersionId);
            RegistryTelemetry.Downloads.Add(1);
        }

        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(download.PublishedAt, DateTimeKind.Utc));
        if (blobs is FileBlobStore files)
        {
            // A physical file: Kestrel sends it without copying it through managed buffers, with ranges.
            var path = files.PathOf(download.PackageSha256);
            return File.Exists(path)
                ? Results.File(path, "application/octet-stream", lastModified: lastModified, entityTag: etag, enableRangeProcessing: true)
                : MissingBlob(lowerId, lowerVersion, download.PackageSha256);
        }

        var stream = await blobs.OpenReadAsync(download.PackageSha256, cancellationToken).ConfigureAwait(false);
        return stream is null
            ? MissingBlob(lowerId, lowerVersion, download.PackageSha256)
            : Results.Stream(stream, "application/octet-stream", lastModified: lastModified, entityTag: etag);
    }

    private static IResult MissingBlob(string id, string version, string sha256) => Results.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Package content missing",
        detail: $"Version {version} of '{id}' is recorded, but its content (blob {sha256}) is not in the blob store. An administrator should restore the blob or republish the version.");
}
