using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// The .nupkg of a publish request, streamed from the request (multipart/form-data, the package as the
/// first file, as <c>dotnet nuget push</c> sends it) into a temporary file that deletes itself when
/// disposed, counting as it goes: the package is never held in memory, and a request over the limit is
/// stopped at the first byte too many.
/// </summary>
internal sealed class PackageUpload : IAsyncDisposable
{
    // What multipart framing (boundaries, part headers, a form field or two) may add to the package's bytes.
    private const long MultipartOverhead = 64 * 1024;

    private PackageUpload(FileStream file) => File = file;

    /// <summary>The package's bytes, readable and seekable.</summary>
    public FileStream File { get; }

    /// <summary>The author's minisign signature, sent as a part named <c>signature</c> (before or after the package); null when none was.</summary>
    public string? Signature { get; private set; }

    /// <summary>
    /// Reads the package of <paramref name="request"/> into a file in <paramref name="folder"/>. Kestrel's
    /// per-request body limit is raised for this request only, to <paramref name="maxBytes"/> plus the framing.
    /// </summary>
    public static async Task<(PackageUpload? Upload, PublishProblem? Problem)> ReadAsync(HttpRequest request, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = maxBytes + MultipartOverhead;
        }

        if (request.ContentLength is { } length && length > maxBytes + MultipartOverhead)
        {
            return (null, PublishProblem.TooLarge(maxBytes));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new PublishProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Expected a multipart upload",
                "Send the .nupkg as the first file of a multipart/form-data body, as 'dotnet nuget push' does.",
                PublishOutcome.Invalid));
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            return (null, Malformed("its Content-Type has no valid boundary parameter"));
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".nupkg");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unlinked at once, the open file has no name: a killed process leaves nothing behind.
            // (Windows cannot do that; there DeleteOnClose removes it, or the orphan sweep does after a crash.)
            System.IO.File.Delete(path);
        }

        var upload = new PackageUpload(file);
        try
        {
            var problem = await CopyPackageAsync(new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 }, upload, maxBytes, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                await upload.DisposeAsync().ConfigureAwait(false);
                return (null, problem);
            }

            file.Position = 0;
            return (upload, null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            await upload.DisposeAsync().ConfigureAwait(false);
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return (null, PublishProblem.TooLarge(maxBytes));
            }

            // A client that went away gets no answer; anything else was a broken body.
            cancellationToken.ThrowIfCancellationRequested();
            return (null, Malformed(exception.Message));
        }
        catch
        {
            await upload.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();

    private static async Task<PublishProblem?> CopyPackageAsync(MultipartReader reader, PackageUpload upload, long maxBytes, CancellationToken cancellationToken)
    {
        var file = upload.File;
        var buffer = new byte[81920];
        long skipped = 0;
        var havePackage = false;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            var hasDisposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
            if (hasDisposition && Signing.SignaturePart.Is(disposition!))
            {
                var (signature, signatureProblem) = await Signing.SignaturePart.ReadAsync(section, upload.Signature is not null, cancellationToken).ConfigureAwait(false);
                if (signatureProblem is not null)
                {
                    return signatureProblem;
                }

                upload.Signature = signature;
                continue;
            }

            var isFile = hasDisposition && disposition!.IsFileDisposition() && !havePackage;
            int read;
            if (!isFile)
            {
                // Form fields and parts after the package are allowed and ignored, within the same limit.
                while ((read = await section.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    skipped += read;
                    if (skipped > MultipartOverhead)
                    {
                        return PublishProblem.TooLarge(maxBytes);
                    }
                }

                continue;
            }

            while ((read = await section.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (file.Length + read > maxBytes)
                {
                    return PublishProblem.TooLarge(maxBytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            if (file.Length == 0)
            {
                return Malformed("its file part is empty");
            }

            havePackage = true;
        }

        return havePackage ? null : Malformed("it has no file part; send the .nupkg as a file (Content-Disposition: form-data; name=\"package\"; filename=\"package.nupkg\")");
    }

    private static PublishProblem Malformed(string why) => PublishProblem.Invalid(
        "Malformed multipart upload",
        $"The request body is not a valid multipart/form-data upload: {why}. Push with 'dotnet nuget push' or 'skillrt publish'.");
}
