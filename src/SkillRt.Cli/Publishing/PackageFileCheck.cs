using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NuGet.Packaging;
using SkillRt.Cli.Install;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// A .nupkg given to <c>skillrt publish</c> is pushed as it is, once it is known to be a skill package:
/// a NuGet package of the SkillRtSkills type whose <c>skills/index.json</c> lists skills whose files
/// match their hashes, each SKILL.md valid (errors in compiler format, by their path in the package,
/// as a registry would report them). The server checks all of this again; checking here first saves
/// an upload and says what to fix without a key.
/// </summary>
internal static class PackageFileCheck
{
    public static PackedPackage Check(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }

        using (stream)
        {
            NuGet.Packaging.Core.PackageIdentity identity;
            bool isSkillPackage;
            try
            {
                using var reader = new PackageArchiveReader(stream, leaveStreamOpen: true);
                identity = reader.GetIdentity();
                isSkillPackage = reader.GetPackageTypes().Any(t => string.Equals(t.Name, SkillPackagePacker.SkillPackageType, StringComparison.OrdinalIgnoreCase));
            }
            catch (Exception exception) when (exception is InvalidDataException or NuGet.Packaging.Core.PackagingException or System.Xml.XmlException or ArgumentException)
            {
                throw new CliException(ExitCodes.UsageError, $"'{path}' is not a NuGet package SkillRt can read ({exception.Message}); pack it again, or publish the skill folder.", exception.ToString(), exception);
            }

            if (!isSkillPackage)
            {
                throw new CliException(
                    ExitCodes.UsageError,
                    $"'{path}' is not a skill package (its nuspec has no {SkillPackagePacker.SkillPackageType} package type); publish the skill folder, which packs it, or pack the project with the SkillRt package and SkillFile items.");
            }

            stream.Position = 0;
            using var package = SkillPackage.Open(stream, path, ExitCodes.UsageError);
            if (package.Skills.Count == 0)
            {
                throw new CliException(ExitCodes.UsageError, $"'{path}' has no skills: there is no skills/index.json, or it lists none; pack it with SkillRt, or publish the skill folder.");
            }

            var errors = new List<string>();
            foreach (var source in package.Sources())
            {
                var staging = Directory.CreateTempSubdirectory("skillrt-publish-");
                try
                {
                    source.CopyTo(staging.FullName);
                    var result = SkillValidator.Validate(SkillDocument.Load(Path.Combine(staging.FullName, "SKILL.md")));
                    errors.AddRange(result.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).Select(d => d.ToString(source.DisplayPath)));
                }
                finally
                {
                    staging.Delete(recursive: true);
                }
            }

            if (errors.Count > 0)
            {
                throw new CliException(
                    ExitCodes.InvalidSkill,
                    $"'{path}' holds skills that are not valid ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}); it was not published. Fix the lines above, pack again and publish.")
                {
                    Diagnostics = errors,
                };
            }

            return new PackedPackage(identity.Id, identity.Version, path, package.Skills.SelectMany(s => s.Files.Select(f => f.Entry)).ToList());
        }
    }
}
