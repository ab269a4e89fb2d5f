using System;
using System.Collections.Generic;
using System.Linq;
using NuGet.Versioning;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// The skills of a package, each SKILL.md validated with <see cref="SkillValidator"/> (the validator
/// the build and the CLI use) and the package-level checks <c>dotnet pack</c> makes: two skills with
/// one name (SKILL0802, an error) and a skill version that disagrees with the package's (SKILL0801, a warning).
/// </summary>
internal sealed class PackageSkills
{
    private PackageSkills(IReadOnlyList<PackageSkill> skills, IReadOnlyList<PackageDiagnostic> diagnostics)
    {
        Skills = skills;
        Diagnostics = diagnostics;
    }

    /// <summary>The skills, ordered by path; only meaningful when <see cref="Diagnostics"/> has no error.</summary>
    public IReadOnlyList<PackageSkill> Skills { get; }

    /// <summary>Every diagnostic of every SKILL.md, ordered by file then position.</summary>
    public IReadOnlyList<PackageDiagnostic> Diagnostics { get; }

    public static PackageSkills Validate(IEnumerable<(string Path, byte[] Content)> files, NuGetVersion packageVersion)
    {
        var skills = new List<PackageSkill>();
        var diagnostics = new List<PackageDiagnostic>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var version = SemanticVersion.TryParse(packageVersion.ToNormalizedString(), out var parsed) ? parsed : null;
        foreach (var (path, content) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var result = SkillValidator.Validate(SkillDocument.Parse(content, path));
            foreach (var diagnostic in result.Diagnostics)
            {
                diagnostics.Add(new PackageDiagnostic(
                    diagnostic.Id,
                    Severity(diagnostic.Severity),
                    diagnostic.FilePath ?? path,
                    diagnostic.Span.StartLine,
                    diagnostic.Span.StartColumn,
                    diagnostic.Message));
            }

            if (result.HasErrors)
            {
                continue;
            }

            var manifest = result.Manifest;
            var name = manifest.Name ?? path.Split('/')[1];
            if (byName.TryGetValue(name, out var other))
            {
                var duplicate = SkillDiagnosticDescriptors.DuplicatePackedSkill;
                diagnostics.Add(new PackageDiagnostic(duplicate.Id, "error", path, 1, 1, string.Format(System.Globalization.CultureInfo.InvariantCulture, duplicate.MessageFormat, name, other)));
                continue;
            }

            byName[name] = path;
            if (VersionDisagreement(name, manifest.Version, version) is { } disagreement)
            {
                diagnostics.Add(new PackageDiagnostic(SkillDiagnosticDescriptors.SkillVersionDisagreesWithPackage.Id, "warning", path, 1, 1, disagreement));
            }

            skills.Add(new PackageSkill(path, name, result.Document.Mode, manifest));
        }

        return new PackageSkills(skills, diagnostics);
    }

    // The same rule, and the same words, as PackSkills.CheckVersion in SkillRt.Build.
    private static string? VersionDisagreement(string name, SemanticVersion? skillVersion, SemanticVersion? packageVersion)
    {
        if (skillVersion is null || packageVersion is null)
        {
            return null;
        }

        if (skillVersion > packageVersion)
        {
            return $"The skill '{name}' is version {skillVersion}, newer than the package version {packageVersion}; raise the package version to at least {skillVersion.Major}.{skillVersion.Minor}.{skillVersion.Patch}, or lower the skill's";
        }

        return skillVersion.IsPrerelease && !packageVersion.IsPrerelease
            ? $"The skill '{name}' is a prerelease ({skillVersion}) in the stable package version {packageVersion}; release the skill, or make the package a prerelease too"
            : null;
    }

    private static string Severity(SkillDiagnosticSeverity severity) => severity switch
    {
        SkillDiagnosticSeverity.Error => "error",
        SkillDiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}

/// <summary>One valid skill of a package.</summary>
/// <param name="Path">Its SKILL.md in the package (<c>skills/pr-review/SKILL.md</c>).</param>
/// <param name="Name">Its name: the manifest's, else its folder's.</param>
/// <param name="Mode">Prose or structured.</param>
/// <param name="Manifest">What its frontmatter declares.</param>
internal sealed record PackageSkill(string Path, string Name, SkillMode Mode, SkillManifest Manifest);
