namespace SkillRt.Server.Storage;

/// <summary>Where package files and other large content are kept.</summary>
public enum BlobStoreProvider
{
    /// <summary>A content-addressed folder in the data directory.</summary>
    FileSystem,

    /// <summary>An S3-compatible bucket (Amazon S3, Cloudflare R2, MinIO): shared by several replicas.</summary>
    S3,
}
