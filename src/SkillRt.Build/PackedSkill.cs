using System.Collections.Generic;

namespace SkillRt.Build;

/// <summary>A valid skill on its way into a package: its file, name, manifest and every file of its folder.</summary>
internal sealed class PackedSkill(string path, string name, SkillManifest manifest, IReadOnlyList<PackedFile> files)
{
    public string Path { get; } = path;

    public string Name { get; } = name;

    public SkillManifest Manifest { get; } = manifest;

    /// <summary>The files to pack, SKILL.md first.</summary>
    public IReadOnlyList<PackedFile> Files { get; } = files;
}
