using System;
using System.IO;

namespace SkillRt.Tests;

/// <summary>
/// A throw-away folder of skill folders for one test: <c>Write("review/SKILL.md", text)</c> creates the
/// file and its folders; disposing deletes everything.
/// </summary>
internal sealed class SkillFolderTree : IDisposable
{
    public SkillFolderTree(string prefix = "skillrt-skills-")
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>The full path of <paramref name="relativePath"/> inside the folder.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process a test started may still hold a file for a moment; the temp folder is swept anyway.
        }
    }
}
