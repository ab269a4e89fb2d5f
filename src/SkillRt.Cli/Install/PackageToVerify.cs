namespace SkillRt.Cli.Install;

/// <summary>A downloaded package whose signature is to be checked, as messages name it.</summary>
/// <param name="PackageId">The package's ID.</param>
/// <param name="PackageVersion">The package's normalized version.</param>
/// <param name="Source">The feed, as messages name it.</param>
internal sealed record PackageToVerify(string PackageId, string PackageVersion, string Source)
{
    /// <summary><c>Contoso.ReleaseSkills 0.2.0 from 'feed'</c>.</summary>
    public string DisplayName => $"{PackageId} {PackageVersion} from {Source}";
}
