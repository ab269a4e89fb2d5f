namespace SkillRt.Server.Storage;

/// <summary>A stored blob: its content's SHA-256 (lowercase hex), which is also its key, and its length.</summary>
/// <param name="Sha256">The SHA-256 of the content, 64 lowercase hex digits.</param>
/// <param name="Length">The content's length in bytes.</param>
public sealed record BlobInfo(string Sha256, long Length);
