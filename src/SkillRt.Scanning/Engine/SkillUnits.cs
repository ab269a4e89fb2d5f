using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Scanning.Rules.Limits;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Finds the skills in a set of files (every file named SKILL.md, any letter case, makes its folder a
/// skill, as the spec says), assigns each file to the innermost skill folder holding it, and reads each
/// skill's name and declared permissions with SkillRt.Format's parser, so the scanner and the runtime
/// agree on what a skill may do.
/// </summary>
internal static class SkillUnits
{
    public static List<SkillUnit> Build(List<RawFile> inputs)
    {
        var units = new List<SkillUnit>();
        foreach (var input in inputs)
        {
            var slash = input.Path.LastIndexOf('/');
            var name = input.Path.Substring(slash + 1);
            if (string.Equals(name, "SKILL.md", StringComparison.OrdinalIgnoreCase)
                && !units.Any(u => u.Folder == input.Path.Substring(0, slash + 1)))
            {
                units.Add(new SkillUnit(input.Path.Substring(0, slash + 1), input.Path));
            }
        }

        // Innermost first, so Owner finds the deepest folder.
        units.Sort((a, b) => b.Folder.Length.CompareTo(a.Folder.Length));
        return units;
    }

    public static SkillUnit? Owner(List<SkillUnit> units, string path) =>
        units.FirstOrDefault(u => path.StartsWith(u.Folder, StringComparison.Ordinal));

    public static void ReadManifest(SkillUnit unit, List<RawFile> inputs, ScanContext context)
    {
        var input = inputs.First(i => i.Path == unit.SkillFilePath);
        var folderName = unit.Folder.TrimEnd('/');
        folderName = folderName.Substring(folderName.LastIndexOf('/') + 1);
        try
        {
            // On disk, Load also reads the skillrt.yaml sidecar that may hold the permissions.
            var document = input.FullPath is not null && File.Exists(Path.Combine(Path.GetDirectoryName(input.FullPath)!, "skillrt.yaml"))
                ? SkillDocument.Load(input.FullPath)
                : SkillDocument.Parse(input.Content, input.Path);
            var manifest = SkillValidator.Validate(document).Manifest;
            unit.Name = manifest.Name ?? (folderName.Length > 0 ? folderName : null);
            unit.Permissions = manifest.Permissions ?? SkillPermissions.None;
            var frontmatter = document.Frontmatter;
            unit.NameLine = frontmatter?.Find("name") is { } nameEntry && !document.IsFromSidecar(nameEntry) ? nameEntry.Key.Span.StartLine : null;
            unit.PermissionsLine = frontmatter?.Find("permissions") is { } permissions && !document.IsFromSidecar(permissions) ? permissions.Key.Span.StartLine : 1;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            unit.Name = folderName.Length > 0 ? folderName : null;
            context.Report(ScannerFailureRule.Descriptor, "The SKILL.md could not be parsed (" + exception.GetType().Name + "); its permissions are taken as none", Paths.Safe(unit.SkillFilePath));
        }
    }
}
