using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SkillRt.Server.Storage;

/// <summary>
/// Blobs as objects <c>{prefix}blobs/{sha256}</c> in an S3-compatible bucket. The content is hashed
/// first (spooled to a temporary file when the stream cannot seek), so the object key is known before
/// the upload, and an object is never visible half-written (S3 puts are atomic).
/// </summary>
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3BlobStore(S3BlobOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where the service asks: S3-compatible services do not all support the newer ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = string.IsNullOrWhiteSpace(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey ?? ""), config);
        _bucket = options.Bucket!;
        _prefix = options.KeyPrefix + "blobs/";
    }

    public async Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? spooled = null;
        var source = content;
        try
        {
            if (!content.CanSeek)
            {
                spooled = Path.Combine(Path.GetTempPath(), "skillrt-blob-" + Guid.NewGuid().ToString("N"));
                var file = new FileStream(spooled, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                source = file;
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                // Hash and upload from the spooled copy's start, not from where the copy left off.
                file.Position = 0;
            }

            var start = source.Position;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(source, cancellationToken).ConfigureAwait(false));
            var length = source.Position - start;
            if (!await ExistsAsync(sha256, cancellationToken).ConfigureAwait(false))
            {
                source.Position = start;
                var request = new PutObjectRequest
                {
                    BucketName = _bucket,
                    Key = _prefix + sha256,
                    InputStream = source,
                    AutoCloseStream = false,
                    // Without this, some S3-compatible servers store the SDK's aws-chunked framing as the object's bytes.
                    UseChunkEncoding = false,
                    ContentType = "application/octet-stream",
                };
                await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return new BlobInfo(sha256, length);
        }
        finally
        {
            if (!ReferenceEquals(source, content))
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!BlobKeys.IsValid(sha256))
        {
            return null;
        }

        try
        {
            var response = await _client.GetObjectAsync(_bucket, _prefix + sha256, cancellationToken).ConfigureAwait(false);
            return new S3ObjectStream(response);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobKeys.Check(sha256);
        await _client.DeleteObjectAsync(_bucket, _prefix + sha256, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<(BlobInfo Blob, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                var sha256 = item.Key[_prefix.Length..];
                if (BlobKeys.IsValid(sha256))
                {
                    yield return (new BlobInfo(sha256, item.Size ?? 0), item.LastModified ?? DateTime.UtcNow);
                }
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, _prefix + sha256, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
