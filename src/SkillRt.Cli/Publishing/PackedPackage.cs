using System.Collections.Generic;
using NuGet.Versioning;

namespace SkillRt.Cli.Publishing;

/// <summary>A skill package <c>skillrt publish</c> wrote.</summary>
/// <param name="Id">The package ID, which is the skill's name.</param>
/// <param name="Version">The package version, which is the skill's.</param>
/// <param name="Path">The .nupkg file.</param>
/// <param name="SkillFiles">The skill's files in the package, SKILL.md first (index.json and the targets besides).</param>
internal sealed record PackedPackage(string Id, NuGetVersion Version, string Path, IReadOnlyList<string> SkillFiles);
