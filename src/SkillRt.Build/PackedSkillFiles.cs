using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace SkillRt.Build;

/// <summary>
/// Which files of a skill folder go into a package, and where: the SKILL.md, then every file under
/// <c>scripts/</c>, <c>references/</c> and <c>assets/</c> in ordinal order, each under
/// <c>{root}/{name}/</c> with its SHA-256. Shared by <c>dotnet pack</c> (the <c>PackSkills</c> task) and
/// <c>skillrt publish</c>, which links this file, so both put the same files at the same paths.
/// </summary>
internal static class PackedSkillFiles
{
    private static readonly string[] SkillFolders = ["scripts", "references", "assets"];

    /// <param name="skillFile">The skill's SKILL.md, a full path.</param>
    /// <param name="name">The skill's name, which names its folder in the package.</param>
    /// <param name="root">The package folder that holds the skill folders, without a trailing slash (<c>skills</c>).</param>
    public static IReadOnlyList<PackedFile> List(string skillFile, string name, string root)
    {
        var folder = Path.GetDirectoryName(skillFile)!;
        var files = new List<PackedFile> { File(skillFile, root + "/" + name + "/SKILL.md") };
        var resources = SkillFolders
            .Select(sub => Path.Combine(folder, sub))
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
            .Select(file => (File: file, Relative: file.Substring(folder.Length + 1).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (file, relative) in resources)
        {
            files.Add(File(file, root + "/" + name + "/" + relative));
        }

        return files;
    }

    private static PackedFile File(string fullPath, string packagePath)
    {
        using var stream = System.IO.File.OpenRead(fullPath);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(stream);
        return new PackedFile(fullPath, packagePath, string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))));
    }
}
