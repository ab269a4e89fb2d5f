using System;
using System.IO;

namespace SkillRt.Cli.Install;

/// <summary>The package version a feed search chose for a skill, downloaded.</summary>
/// <param name="PackageId">The package's ID.</param>
/// <param name="PackageVersion">The package's version, normalized.</param>
/// <param name="Source">The feed it came from, as NuGet.config names it.</param>
/// <param name="SkillVersion">The version of the skill in it.</param>
/// <param name="Content">The .nupkg's bytes, positioned at the start.</param>
internal sealed record FeedPackage(string PackageId, string PackageVersion, string Source, SemanticVersion SkillVersion, MemoryStream Content) : IDisposable
{
    /// <summary>How messages name the package: <c>Contoso.ReleaseSkills 0.2.0 from 'feed'</c>.</summary>
    public string DisplayName => $"{PackageId} {PackageVersion} from {Source}";

    public void Dispose() => Content.Dispose();
}
