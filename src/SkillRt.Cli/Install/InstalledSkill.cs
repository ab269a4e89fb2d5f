using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>What <see cref="SkillInstaller"/> did with one skill.</summary>
/// <param name="Name">The skill's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Outcome">Installed, replaced (<c>--force</c> or a damaged entry), or already there.</param>
/// <param name="Directory">Its folder in the store.</param>
internal sealed record InstalledSkill(string Name, SemanticVersion Version, InstallOutcome Outcome, string Directory);
