using System;
using System.IO;

namespace SkillRt.Agents;

/// <summary>Where a skill's folder is: known for skills loaded from disk, looked for beside the application for generated ones.</summary>
internal static class SkillFolder
{
    public static string? Of(SkillDescriptor descriptor)
    {
        if (descriptor.Directory is { } known)
        {
            return known;
        }

        // A generated skill knows its SKILL.md relative to its project; the build copies skill folders that are content to the output.
        if (descriptor.SourcePath is { Length: > 0 } source
            && string.Equals(Path.GetFileName(source), "SKILL.md", StringComparison.OrdinalIgnoreCase)
            && Path.GetDirectoryName(source) is { Length: > 0 } folder)
        {
            var candidate = Path.GetFullPath(folder, AppContext.BaseDirectory);
            return File.Exists(Path.Combine(candidate, Path.GetFileName(source))) ? candidate : null;
        }

        return null;
    }
}
