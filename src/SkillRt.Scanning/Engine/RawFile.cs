namespace SkillRt.Scanning.Engine;

/// <summary>A file gathered from a folder, memory or a package, before classification.</summary>
internal sealed class RawFile(string path, byte[] content, long originalLength, string? fullPath = null)
{
    /// <summary>The path inside the input, with <c>/</c> separators.</summary>
    public string Path { get; } = path;

    public byte[] Content { get; } = content;

    public long OriginalLength { get; } = originalLength;

    /// <summary>Where the file is on disk, for a folder scan (the SKILL.md's sidecar is read from there).</summary>
    public string? FullPath { get; } = fullPath;
}
