using System;
using System.Collections.Generic;
using System.Linq;
using NuGet.Versioning;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// A package that passed inspection: its nuspec, its skills' typed manifest, and the text and facets
/// search reads (lowercase words, space-separated, each once, sorted).
/// </summary>
internal sealed class InspectedPackage
{
    private InspectedPackage(PackageNuspec nuspec, PackageSkills skills, IReadOnlyList<PackageDiagnostic>? warnings, string? searchText)
    {
        Nuspec = nuspec;
        Skills = skills.Skills;
        Warnings = warnings ?? skills.Diagnostics;
        ManifestJson = SkillManifestJson.Write(nuspec.Id, nuspec.Version, skills.Skills);
        var manifests = skills.Skills.Select(s => s.Manifest).ToList();
        Runtimes = Words(manifests.Select(m => m.Runtime.Type.ToWireName()));
        Permissions = Words(manifests.SelectMany(PermissionKinds));
        OutputTypes = Words(manifests.Select(m => m.Output.Type.ToWireName()));
        Inputs = Words(manifests.SelectMany(m => m.Inputs).SelectMany(i => new[] { i.Type.ToWireName(), i.Name }));
        SearchText = string.Join(' ', SearchWords(nuspec, skills.Skills).Append(searchText).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim()));
    }

    public PackageNuspec Nuspec { get; }

    public string Id => Nuspec.Id;

    public NuGetVersion Version => Nuspec.Version;

    public IReadOnlyList<PackageSkill> Skills { get; }

    /// <summary>The SKILL.md warnings (no errors: a package with errors is refused), returned to the publisher.</summary>
    public IReadOnlyList<PackageDiagnostic> Warnings { get; }

    /// <summary>The typed manifest (<see cref="SkillManifestJson"/>).</summary>
    public string ManifestJson { get; }

    /// <summary>ID (whole and in parts), title, description, tags, skill names and descriptions, input and output names.</summary>
    public string SearchText { get; }

    /// <summary>Runtime types (<c>markdown-skill process</c>).</summary>
    public string Runtimes { get; }

    /// <summary>Permission kinds asked for (<c>env filesystem network</c>).</summary>
    public string Permissions { get; }

    /// <summary>Output types (<c>json text</c>).</summary>
    public string OutputTypes { get; }

    /// <summary>Input types and names (<c>pr_url string url</c>).</summary>
    public string Inputs { get; }

    public static InspectedPackage Create(PackageNuspec nuspec, PackageSkills skills) => new(nuspec, skills, null, null);

    /// <summary>A package of another module's kind (<see cref="IRegistryPackageKind"/>): no skills, its check's warnings and search words.</summary>
    public static InspectedPackage Create(PackageNuspec nuspec, PackageSkills skills, IReadOnlyList<PackageDiagnostic> warnings, string? searchText) => new(nuspec, skills, warnings, searchText);

    private static IEnumerable<string> PermissionKinds(SkillManifest manifest)
    {
        if (manifest.Permissions.Network.Count > 0)
        {
            yield return "network";
        }

        if (manifest.Permissions.Filesystem.Count > 0)
        {
            yield return "filesystem";
        }

        if (manifest.Permissions.Environment.Count > 0)
        {
            yield return "env";
        }
    }

    private static IEnumerable<string?> SearchWords(PackageNuspec nuspec, IReadOnlyList<PackageSkill> skills)
    {
        yield return nuspec.Id;

        // "Contoso.PrReview" is found by "contoso" and by "prreview" too.
        foreach (var part in nuspec.Id.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }

        yield return nuspec.Title;
        yield return nuspec.Description;
        yield return nuspec.Tags;
        foreach (var skill in skills)
        {
            yield return skill.Name;
            yield return skill.Manifest.Description;
            yield return string.Join(' ', skill.Manifest.Tags);
            foreach (var input in skill.Manifest.Inputs)
            {
                yield return input.Name;
            }

            yield return skill.Manifest.Output.Type.ToWireName();
        }
    }

    private static string Words(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
