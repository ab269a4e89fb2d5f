namespace SkillRt.Server.Storage;

/// <summary>The <c>SkillRt:Blobs</c> configuration section.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>Where blobs live; <see cref="BlobStoreProvider.FileSystem"/> unless configured.</summary>
    public BlobStoreProvider Provider { get; set; } = BlobStoreProvider.FileSystem;

    /// <summary>The folder of the file-system store; by default <c>blobs</c> in the data directory.</summary>
    public string? Path { get; set; }

    /// <summary>The bucket of the S3 store.</summary>
    public S3BlobOptions S3 { get; set; } = new();
}
