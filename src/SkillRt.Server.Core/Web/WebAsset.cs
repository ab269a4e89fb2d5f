namespace SkillRt.Server.Web;

/// <summary>
/// A stylesheet, script or image the pages use, held in memory with its compressed forms: served
/// at <see cref="Path"/>, whose name carries a hash of the content, so it can be cached for a year.
/// </summary>
internal sealed record WebAsset(string Name, string Path, string ContentType, string ETag, byte[] Content, byte[]? Brotli, byte[]? Gzip);
