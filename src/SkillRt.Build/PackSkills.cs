using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillRt.Build;

/// <summary>
/// Prepares the skills of a project for its NuGet package: validates each one (an error stops the
/// pack at the SKILL.md line), lists the files of each skill folder (SKILL.md plus <c>scripts/</c>,
/// <c>references/</c> and <c>assets/</c>) under <c>skills/{name}/</c>, writes <c>skills/index.json</c>,
/// and writes the <c>buildTransitive</c> targets that give consuming projects the packaged skills as
/// <c>SkillFile</c> items.
/// </summary>
public sealed class PackSkills : Task
{
    /// <summary>The <c>SkillFile</c> items to pack; <c>PackagePath</c> metadata is the folder that holds the skill folders (default <c>skills</c>).</summary>
    [Required]
    public ITaskItem[] Skills { get; set; } = [];

    /// <summary>The package's ID, which names its consumer targets file.</summary>
    [Required]
    public string PackageId { get; set; } = string.Empty;

    /// <summary>The package's version, compared with each skill's.</summary>
    [Required]
    public string PackageVersion { get; set; } = string.Empty;

    /// <summary>Where to write <c>index.json</c> and the consumer targets.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Whether to run the security scanner on each packed skill (<c>SkillScan</c>, default <see langword="true"/>).</summary>
    public bool Scan { get; set; } = true;

    /// <summary>Scanner findings at or above this severity are errors (<c>SkillScanErrorSeverity</c>: <c>critical</c> by default, or <c>info</c>…<c>high</c>, or <c>none</c>).</summary>
    public string ScanErrorSeverity { get; set; } = "critical";

    /// <summary>Scanner rules not to run, separated by <c>;</c> (<c>SkillScanDisabledRules</c>).</summary>
    public string ScanDisabledRules { get; set; } = string.Empty;

    /// <summary>Every file to add to the package, with <c>PackagePath</c> metadata.</summary>
    [Output]
    public ITaskItem[] PackageFiles { get; private set; } = [];

    /// <summary>The names of the packed skills, ordered; the targets tag the package <c>skillrt-skill-{name}</c> with each, so <c>skillrt install {name}</c> finds it on a feed.</summary>
    [Output]
    public string[] SkillNames { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var packed = new List<PackedSkill>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var packageVersion = SemanticVersion.TryParse(PackageVersion, out var parsed) ? parsed : null;
        var skillFolders = SkillFileRule.SkillFolders(Skills.Select(item => item.GetMetadata("FullPath")));
        foreach (var item in Skills)
        {
            var path = item.GetMetadata("FullPath");
            if (packed.Any(p => string.Equals(p.Path, path, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // A README caught by <SkillFile Include="*.md" /> is not a skill and is not packed (the
            // build already said so with SKILL0011).
            if (!SkillFileRule.IsSkillFileName(path) && SkillFileRule.Check(path, SkillFileRule.FileStartsWithFrontmatter(path), skillFolders) is not null)
            {
                continue;
            }

            var skill = Read(item, path, packageVersion);
            if (skill is null)
            {
                continue;
            }

            if (byName.TryGetValue(skill.Name, out var other))
            {
                var duplicate = SkillDiagnosticDescriptors.DuplicatePackedSkill;
                Log.LogError(null, duplicate.Id, null, duplicate.HelpLink, path, 1, 1, 0, 0, string.Format(CultureInfo.InvariantCulture, duplicate.MessageFormat, skill.Name, other));
                continue;
            }

            byName[skill.Name] = path;
            packed.Add(skill);
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        if (Scan)
        {
            if (!PackedSkillScan.TryParseErrorSeverity(ScanErrorSeverity, out var errorAt))
            {
                Log.LogError(null, "SKILLSEC0000", null, null, 0, 0, 0, 0, $"SkillScanErrorSeverity is '{ScanErrorSeverity}'; use none, info, low, medium, high or critical");
                return false;
            }

            var scanner = new Scanning.SkillScanner(new Scanning.ScanOptions { DisabledRules = PackedSkillScan.SplitRules(ScanDisabledRules) });
            foreach (var skill in packed)
            {
                PackedSkillScan.Report(Log, skill, scanner, errorAt);
            }

            if (Log.HasLoggedErrors)
            {
                return false;
            }
        }

        Directory.CreateDirectory(OutputDirectory);
        var files = new List<ITaskItem>();
        foreach (var skill in packed.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var file in skill.Files)
            {
                files.Add(PackageFile(file.FullPath, file.PackagePath));
            }
        }

        var index = Path.Combine(OutputDirectory, "index.json");
        WriteIfChanged(index, SkillIndexWriter.Write(packed.OrderBy(s => s.Name, StringComparer.Ordinal).ToList()));
        files.Add(PackageFile(index, "skills/index.json"));

        var targets = Path.Combine(OutputDirectory, PackageId + ".targets");
        WriteIfChanged(targets, ConsumerTargetsWriter.Write(PackageId, packed));
        files.Add(PackageFile(targets, "buildTransitive/" + PackageId + ".targets"));

        PackageFiles = files.ToArray();
        SkillNames = packed.Select(s => s.Name).OrderBy(name => name, StringComparer.Ordinal).ToArray();
        return !Log.HasLoggedErrors;
    }

    private PackedSkill? Read(ITaskItem item, string path, SemanticVersion? packageVersion)
    {
        SkillValidationResult result;
        try
        {
            result = SkillValidator.Validate(SkillDocument.Load(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Log.LogError(null, null, null, path, 0, 0, 0, 0, "Cannot read the skill file: " + exception.Message);
            return null;
        }

        // Errors only: the build that `dotnet pack` runs first reported the warnings already (the
        // generator, or ValidateSkills), and printing them twice makes a pack look worse than it is.
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == SkillDiagnosticSeverity.Error)
            {
                DiagnosticLog.Report(Log, path, diagnostic);
            }
        }

        if (result.HasErrors)
        {
            return null;
        }

        var manifest = result.Manifest;
        var name = manifest.Name ?? Path.GetFileName(Path.GetDirectoryName(path)!);
        CheckVersion(path, name, manifest.Version, packageVersion);

        var root = (item.GetMetadata("PackagePath") is { Length: > 0 } packagePath ? packagePath : "skills").Replace('\\', '/').TrimEnd('/');
        var files = PackedSkillFiles.List(path, name, root);
        return new PackedSkill(path, name, manifest, files);
    }

    /// <summary>
    /// SKILL0801: a consumer reads a package's version as the version of what is in it. A skill newer
    /// than its package (skill 2.0.0 in package 1.4.0), or a prerelease skill in a stable package,
    /// would satisfy or break skill version ranges in ways the package version does not show.
    /// </summary>
    private void CheckVersion(string path, string name, SemanticVersion? skillVersion, SemanticVersion? packageVersion)
    {
        if (skillVersion is null || packageVersion is null)
        {
            return;
        }

        if (skillVersion > packageVersion)
        {
            Log.LogWarning(null, SkillDiagnosticDescriptors.SkillVersionDisagreesWithPackage.Id, null, SkillDiagnosticDescriptors.SkillVersionDisagreesWithPackage.HelpLink, path, 1, 1, 0, 0, $"The skill '{name}' is version {skillVersion}, newer than the package version {packageVersion}; raise the package version to at least {skillVersion.Major}.{skillVersion.Minor}.{skillVersion.Patch}, or lower the skill's");
        }
        else if (skillVersion.IsPrerelease && !packageVersion.IsPrerelease)
        {
            Log.LogWarning(null, SkillDiagnosticDescriptors.SkillVersionDisagreesWithPackage.Id, null, SkillDiagnosticDescriptors.SkillVersionDisagreesWithPackage.HelpLink, path, 1, 1, 0, 0, $"The skill '{name}' is a prerelease ({skillVersion}) in the stable package version {packageVersion}; release the skill, or make the package a prerelease too");
        }
    }

    private static TaskItem PackageFile(string fullPath, string packagePath)
    {
        var item = new TaskItem(fullPath);
        item.SetMetadata("PackagePath", packagePath);
        return item;
    }

    // Unchanged content keeps its timestamp, so incremental builds and packs stay incremental.
    private static void WriteIfChanged(string path, string content)
    {
        if (System.IO.File.Exists(path) && System.IO.File.ReadAllText(path) == content)
        {
            return;
        }

        System.IO.File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
