using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace SkillRt.Dependencies;

/// <summary>
/// Finds a skill's folder at run time. Skills loaded from disk know it; generated skills know only
/// the SKILL.md path relative to their project, so the folder is looked for under the application's
/// base directory (where the build copies skill folders that are content) and the working directory.
/// </summary>
internal static class SkillDirectoryLocator
{
    // The search touches the disk, and runs are frequent: remember the answer per skill and working directory.
    private static readonly ConditionalWeakTable<SkillDescriptor, Tuple<string, string?>> Found = new();

    public static string? Locate(SkillDescriptor descriptor, string workingDirectory)
    {
        if (descriptor.Directory is { } known)
        {
            return known;
        }

        if (Found.TryGetValue(descriptor, out var found) && string.Equals(found.Item1, workingDirectory, StringComparison.Ordinal))
        {
            return found.Item2;
        }

        var located = Search(descriptor, workingDirectory);
        Found.AddOrUpdate(descriptor, Tuple.Create(workingDirectory, located));
        return located;
    }

    private static string? Search(SkillDescriptor descriptor, string workingDirectory)
    {
        // A loose file (any name but SKILL.md) has no folder of its own; the one it sits in is not the skill's.
        if (descriptor.SourcePath is not { Length: > 0 } source || !SkillDefinition.IsSkillFolderFile(source) || Path.GetDirectoryName(source) is not { Length: > 0 } folder)
        {
            return null;
        }

        if (Path.IsPathRooted(folder))
        {
            return Directory.Exists(folder) ? folder : null;
        }

        foreach (var root in new[] { AppContext.BaseDirectory, workingDirectory })
        {
            var candidate = Path.GetFullPath(folder, root);
            if (File.Exists(Path.Combine(candidate, Path.GetFileName(source))))
            {
                return candidate;
            }
        }

        return null;
    }
}
