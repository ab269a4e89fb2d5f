using System;

namespace SkillRt.Cli.Install;

/// <summary>
/// One skill found in what the user asked to install (a folder, a file, a package entry), not yet
/// copied anywhere. <see cref="SkillInstaller"/> copies it into a staging folder with
/// <see cref="CopyTo"/>, validates the copy, and only then publishes it.
/// </summary>
/// <param name="DisplayPath">Where the skill's SKILL.md is, as the user knows it: the path they passed, or the package entry; diagnostics carry it.</param>
/// <param name="FallbackName">The store name for a skill whose SKILL.md declares no name (a prose skill): its folder's or file's name.</param>
/// <param name="CopyTo">Writes the skill's files (SKILL.md at the top) into the given empty folder.</param>
internal sealed record SkillSource(string DisplayPath, string FallbackName, Action<string> CopyTo);
