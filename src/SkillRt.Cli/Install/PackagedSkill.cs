using System.Collections.Generic;

namespace SkillRt.Cli.Install;

/// <summary>One skill as a package's <c>skills/index.json</c> lists it.</summary>
/// <param name="Name">The skill's name, which is also its folder: <c>skills/{name}/</c>.</param>
/// <param name="Version">The skill's version; <see cref="Store.SkillStore.UnversionedVersion"/> when the index records none.</param>
/// <param name="Files">Every file of the skill, its SKILL.md first.</param>
internal sealed record PackagedSkill(string Name, SemanticVersion Version, IReadOnlyList<PackagedSkillFile> Files)
{
    /// <summary>The package entry of the skill's SKILL.md: <c>skills/{name}/SKILL.md</c>.</summary>
    public string SkillFileEntry => SkillPackage.SkillsFolder + Name + "/SKILL.md";

    /// <summary>The sibling skills it needs, from the index's <c>dependencies.skills</c>; none when the index lists none.</summary>
    public IReadOnlyList<SkillDependency> Dependencies { get; init; } = [];
}

/// <summary>One file of a packaged skill.</summary>
/// <param name="Entry">The package entry, such as <c>skills/release-notes/references/style.md</c>.</param>
/// <param name="Sha256">The SHA-256 that <c>dotnet pack</c> recorded, in lowercase hex.</param>
internal sealed record PackagedSkillFile(string Entry, string Sha256);
