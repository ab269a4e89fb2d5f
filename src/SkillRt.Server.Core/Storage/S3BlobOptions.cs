namespace SkillRt.Server.Storage;

/// <summary>The <c>SkillRt:Blobs:S3</c> configuration section: a bucket on any S3-compatible service.</summary>
public sealed class S3BlobOptions
{
    /// <summary>The bucket; it must exist.</summary>
    public string? Bucket { get; set; }

    /// <summary>
    /// The service's endpoint for services other than Amazon S3, for example
    /// <c>https://ACCOUNT.r2.cloudflarestorage.com</c> or <c>http://minio.internal:9000</c>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (Amazon S3), or the region the service expects (<c>auto</c> for R2).</summary>
    public string? Region { get; set; }

    /// <summary>The access key ID; without one, the AWS SDK's default credential chain is used.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret access key that goes with <see cref="AccessKeyId"/>.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which MinIO and most self-hosted services need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>A prefix for every object key, so one bucket can hold several registries.</summary>
    public string KeyPrefix { get; set; } = "";
}
