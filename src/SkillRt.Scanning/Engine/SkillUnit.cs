using System.Collections.Generic;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// One skill being scanned: its folder inside the input (<c>skills/x/</c> in a package, empty for a
/// folder), its name and declared permissions from its SKILL.md, and its files. Files outside every
/// skill folder (a package's nuspec, its index.json) belong to no skill and get no permission rules.
/// </summary>
internal sealed class SkillUnit(string folder, string skillFilePath)
{
    /// <summary>The folder prefix inside the input, ending in <c>/</c>, or empty.</summary>
    public string Folder { get; } = folder;

    /// <summary>The SKILL.md's path inside the input.</summary>
    public string SkillFilePath { get; } = skillFilePath;

    /// <summary>The <c>name</c> from the frontmatter, else the folder's name.</summary>
    public string? Name { get; set; }

    /// <summary>The 1-based line of the <c>name</c> key, for findings about the name.</summary>
    public int? NameLine { get; set; }

    /// <summary>What the skill declares; <see cref="SkillPermissions.None"/> when it declares nothing or its SKILL.md could not be read.</summary>
    public SkillPermissions Permissions { get; set; } = SkillPermissions.None;

    /// <summary>The 1-based line of the <c>permissions</c> key, or of the frontmatter's first line.</summary>
    public int PermissionsLine { get; set; } = 1;

    public List<ScannedFile> Files { get; } = [];
}
