namespace SkillRt.Build;

/// <summary>One file of a packed skill: where it is, where it goes in the package, and its SHA-256.</summary>
internal sealed class PackedFile(string fullPath, string packagePath, string sha256)
{
    public string FullPath { get; } = fullPath;

    public string PackagePath { get; } = packagePath;

    public string Sha256 { get; } = sha256;
}
