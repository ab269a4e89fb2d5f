using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Licenses;
using NuGet.Versioning;
using SkillRt.Build;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// Packs one skill folder into the .nupkg that <c>dotnet pack</c> makes of a project like
/// samples/SkillLibrary holding only that skill (<c>&lt;SkillFile Include="skills/**/SKILL.md" /&gt;</c>,
/// <c>IncludeBuildOutput</c> false, a <c>PackageReference</c> to SkillRt with <c>PrivateAssets="none"</c>):
/// ID, version, description, authors, license and tags from the skill; the files, <c>skills/index.json</c>
/// and <c>buildTransitive/{id}.targets</c> written by the pack task's own code (linked from SkillRt.Build);
/// the package types and tags SkillRt.targets adds; and NuGet's <see cref="PackageBuilder"/>, which the
/// SDK's pack task uses too, deterministic, stamping entries with <c>SOURCE_DATE_EPOCH</c> when it is set.
/// </summary>
/// <remarks>
/// One addition the project would need by hand: each of the skill's <c>dependencies.skills</c> becomes a
/// dependency on the package of that name, as a <c>&lt;PackageReference Include="name" Version="range"
/// PrivateAssets="none" /&gt;</c> would. On a SkillRt registry a skill's package ID is its name, so
/// <c>dotnet add package</c> and <c>dotnet restore</c> bring the skills it calls, and their
/// buildTransitive targets make them SkillFile items of the consumer too (docs/cli.md says so).
/// </remarks>
internal static class SkillPackagePacker
{
    /// <summary>The framework <c>dotnet pack</c> records the dependencies under: samples/SkillLibrary's, SkillRt's lowest.</summary>
    public static readonly NuGetFramework DependencyFramework = NuGetFramework.Parse("net8.0");

    /// <summary>What SkillRt.targets adds next to <c>Dependency</c>: the type a registry and <c>skillrt install</c> look for.</summary>
    public const string SkillPackageType = "SkillRtSkills";

    /// <summary>
    /// Validates the skill whose SKILL.md is <paramref name="skillFile"/> and writes its package into
    /// <paramref name="outputFolder"/> as <c>{id}.{version}.nupkg</c>. Invalid skills throw a
    /// <see cref="CliException"/> whose diagnostics are in compiler format; nothing is written then.
    /// </summary>
    /// <param name="skillFile">The skill's SKILL.md.</param>
    /// <param name="outputFolder">Where to write the package; created if missing.</param>
    /// <param name="warnings">Receives the skill's warnings and the packing notes, one compiler-format line each.</param>
    public static PackedPackage Pack(string skillFile, string outputFolder, ICollection<string> warnings)
    {
        var path = Path.GetFullPath(skillFile);
        var skill = Read(skillFile, path, warnings);
        var name = skill.Name;
        var manifest = skill.Manifest;
        var version = NuGetVersion.Parse(manifest.Version!.ToString());

        var builder = new PackageBuilder(deterministic: true)
        {
            Id = name,
            Version = version,
            Description = manifest.Description ?? name,
            DeterministicTimestamp = SourceDateEpoch()!,

            // The pack task writes <requireLicenseAcceptance> only when the project sets it.
            EmitRequireLicenseAcceptance = false,
        };

        // <Authors> defaults to the project's assembly name, which for a project of one skill is its name.
        foreach (var author in manifest.Authors.Count > 0 ? manifest.Authors : [name])
        {
            builder.Authors.Add(author);
        }

        if (License(manifest.License, skillFile, warnings) is { } license)
        {
            builder.LicenseMetadata = license;
            builder.LicenseUrl = license.LicenseUrl;
        }

        // PackageTags is the skill's tags; SkillRt.targets appends `skillrt` and `skillrt-skill-{name}`
        // unless the project has them already.
        foreach (var tag in manifest.Tags.Concat(["skillrt", "skillrt-skill-" + name]))
        {
            if (!builder.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                builder.Tags.Add(tag);
            }
        }

        builder.PackageTypes.Add(new PackageType("Dependency", PackageType.EmptyVersion));
        builder.PackageTypes.Add(new PackageType(SkillPackageType, PackageType.EmptyVersion));
        builder.DependencyGroups.Add(new PackageDependencyGroup(DependencyFramework, Dependencies(manifest, skillFile)));

        foreach (var file in skill.Files)
        {
            builder.Files.Add(new PhysicalPackageFile { SourcePath = file.FullPath, TargetPath = file.PackagePath });
        }

        builder.Files.Add(Generated("skills/index.json", SkillIndexWriter.Write([skill])));
        builder.Files.Add(Generated("buildTransitive/" + name + ".targets", ConsumerTargetsWriter.Write(name, [skill])));

        Directory.CreateDirectory(outputFolder);
        var package = Path.Combine(outputFolder, name + "." + version.ToNormalizedString() + ".nupkg");
        var partial = package + ".partial";
        try
        {
            using (var stream = File.Create(partial))
            {
                builder.Save(stream);
            }

            File.Move(partial, package, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new CliException(ExitCodes.UsageError, $"cannot write the package '{package}': {exception.Message}; check the --output folder.", exception.ToString(), exception);
        }

        return new PackedPackage(name, version, package, skill.Files.Select(f => f.PackagePath).ToList());
    }

    /// <summary>Validates the skill as the pack task does (errors stop it, at their line) and lists its files.</summary>
    private static PackedSkill Read(string displayPath, string path, ICollection<string> warnings)
    {
        SkillValidationResult result;
        try
        {
            result = SkillValidator.Validate(SkillDocument.Load(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{displayPath}': {exception.Message}", exception.ToString(), exception);
        }

        var errors = result.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).Select(d => d.ToString(displayPath)).ToList();
        if (errors.Count > 0)
        {
            throw new CliException(
                ExitCodes.InvalidSkill,
                $"'{displayPath}' is not a valid skill ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}); nothing was packed or published. Fix the lines above and try again.")
            {
                Diagnostics = errors,
            };
        }

        foreach (var warning in result.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Warning))
        {
            warnings.Add(warning.ToString(displayPath));
        }

        var manifest = result.Manifest;
        var name = manifest.Name ?? Path.GetFileName(Path.GetDirectoryName(path)!);
        if (manifest.Version is null)
        {
            // The validator asks for a version only of skills that use SkillRt's keys (SKILL0106, a
            // warning, at the frontmatter); a package cannot exist without one, so here it is an error.
            var missing = result.Diagnostics.FirstOrDefault(d => d.Id == SkillDiagnosticDescriptors.MissingVersion.Id);
            var (line, column) = missing is null ? (1, 1) : (missing.Span.StartLine, missing.Span.StartColumn);
            throw new CliException(
                ExitCodes.InvalidSkill,
                $"'{displayPath}' has no version, and a package needs one; nothing was packed or published.")
            {
                Diagnostics =
                [
                    string.Create(CultureInfo.InvariantCulture, $"{displayPath}({line},{column}): error {SkillDiagnosticDescriptors.MissingVersion.Id}: The skill '{name}' has no 'version'; add 'version: 1.0.0' to its frontmatter, and raise it for every release you publish"),
                ],
            };
        }

        return new PackedSkill(path, name, manifest, PackedSkillFiles.List(path, name, "skills"));
    }

    /// <summary>
    /// SkillRt (<c>include="All"</c>: PrivateAssets="none" lets its generator and build targets reach
    /// consumers) at the version of this CLI, which is the SkillRt version it ships with; then the
    /// sibling skills, included the same way so their buildTransitive targets reach consumers too.
    /// </summary>
    private static List<PackageDependency> Dependencies(SkillManifest manifest, string path)
    {
        var all = new[] { "All" };
        var dependencies = new List<PackageDependency> { new("SkillRt", new VersionRange(SkillRtVersion.Current), all, []) };
        foreach (var dependency in manifest.Dependencies.Skills)
        {
            if (dependencies.Any(d => string.Equals(d.Id, dependency.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliException(
                    ExitCodes.InvalidSkill,
                    $"'{path}' lists the skill '{dependency.Name}' twice in dependencies.skills, and a package can depend on a package once; keep one range.");
            }

            dependencies.Add(new PackageDependency(dependency.Name, SkillDependencyRange.ToNuGet(dependency.Range), all, []));
        }

        return dependencies;
    }

    /// <summary>
    /// An SPDX expression becomes the package's license expression, as <c>PackageLicenseExpression</c>
    /// does. Anything else (a file name, a sentence) would fail <c>dotnet pack</c>; the skill still says
    /// it in its SKILL.md, so the package is made without one and a warning says why.
    /// </summary>
    private static LicenseMetadata? License(string? license, string path, ICollection<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(license))
        {
            return null;
        }

        try
        {
            var expression = NuGetLicenseExpression.Parse(license);
            var unknown = new List<string>();
            expression.OnEachLeafNode(
                leaf =>
                {
                    if (!leaf.IsStandardLicense)
                    {
                        unknown.Add(leaf.Identifier);
                    }
                },
                exception => { });
            if (unknown.Count == 0)
            {
                return new LicenseMetadata(LicenseType.Expression, license, expression, null, LicenseMetadata.EmptyVersion);
            }
        }
        catch (NuGetLicenseExpressionParsingException)
        {
        }

        warnings.Add($"skillrt: warning: the license '{license}' of '{path}' is not an SPDX license expression, so the package records none (its SKILL.md still says it); write an SPDX identifier such as 'MIT' or 'Apache-2.0' to have registries and NuGet show it.");
        return null;
    }

    /// <summary>
    /// SOURCE_DATE_EPOCH, which the SDK's pack targets pass on as <c>DeterministicTimestamp</c>
    /// (NuGet.Build.Tasks.Pack.targets); unset, deterministic entries get NuGet's fixed date.
    /// </summary>
    /// <remarks>Null when unset, as MSBuild passes an empty property to the pack task.</remarks>
    private static string? SourceDateEpoch()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(epoch))
        {
            return null;
        }

        return long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? epoch
            : throw new CliException(ExitCodes.UsageError, $"SOURCE_DATE_EPOCH is '{epoch}', not a number of seconds since 1970; set it to one (such as the commit time, `git log -1 --format=%ct`) or unset it.");
    }

    private static PhysicalPackageFile Generated(string packagePath, string content) =>
        new(new MemoryStream(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content))) { TargetPath = packagePath };
}
