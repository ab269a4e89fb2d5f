using System;
using System.Collections.Generic;
using System.Linq;
using NuGet.Versioning;
using SkillRt.AgentDoc;
using SkillRt.Registry.Publishing;

namespace SkillRt.Server.AgentDocs;

/// <summary>
/// Teaches the registry the agent-doc package (<see cref="AgentDocPackages.PackageType"/>): at push it reads
/// agent-doc.yaml with the validator the CLI uses and refuses the package on any error, located at its line.
/// The doc's <c>identity.name</c> must be the package ID (so the registry's ownership and namespaces decide
/// who may publish a library's doc) and its <c>identity.version</c> the package version (so a version the
/// tools name is a version the registry holds).
/// </summary>
internal sealed class AgentDocPackageKind : IRegistryPackageKind
{
    public string PackageType => AgentDocPackages.PackageType;

    public string Description => "agent-doc packages (agent-doc.yaml at the package root)";

    public int MaxContentFileBytes => AgentDocLimits.MaxFileBytes;

    public bool IsContentFile(string path) => path == AgentDocPackages.FileName;

    public RegistryPackageCheck Check(string packageId, string version, IReadOnlyList<RegistryPackageFile> files)
    {
        var file = files.FirstOrDefault(f => f.Path == AgentDocPackages.FileName);
        if (file is null)
        {
            return new RegistryPackageCheck([new RegistryPackageProblem(AgentDocPackages.MissingFileId, true, AgentDocPackages.FileName, 1, 1,
                $"The package has the {AgentDocPackages.PackageType} package type but no {AgentDocPackages.FileName} at its root; pack the file with PackagePath=\"/\".")]);
        }

        var result = AgentDocReader.Parse(file.Content.ToArray(), file.Path);
        var problems = result.Diagnostics
            .Where(d => d.Severity != SkillDiagnosticSeverity.Info)
            .Select(d => new RegistryPackageProblem(d.Id, d.Severity == SkillDiagnosticSeverity.Error, file.Path, d.Span.StartLine, d.Span.StartColumn, d.Message))
            .ToList();
        if (result.Document is { } document)
        {
            var identity = document.Identity;
            if (!string.Equals(identity.Name, packageId, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new RegistryPackageProblem(AgentDocPackages.NameMismatchId, true, file.Path, 1, 1,
                    $"identity.name is '{identity.Name}' but the package ID is '{packageId}'; an agent-doc is published under its own name: set the package ID to '{identity.Name}'."));
            }

            if (!NuGetVersion.TryParse(identity.Version, out var documented) || documented != NuGetVersion.Parse(version))
            {
                problems.Add(new RegistryPackageProblem(AgentDocPackages.VersionMismatchId, true, file.Path, 1, 1,
                    $"identity.version is '{identity.Version}' but the package version is '{version}'; publish the package as the version it documents" +
                    (NuGetVersion.TryParse(identity.Version, out _) ? $" ({identity.Version})." : " (a version like 2024-06-01 is not a NuGet version: write it as 2024.6.1 in identity.version and the package).")));
            }
        }

        var searchText = result.Document is { } doc ? string.Join(' ', new[] { "agent-doc", doc.Identity.Title, doc.Summary.Length > 1000 ? doc.Summary[..1000] : doc.Summary }.Where(w => w is not null)) : null;
        return new RegistryPackageCheck(problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList(), searchText);
    }
}
