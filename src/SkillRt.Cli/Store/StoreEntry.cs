namespace SkillRt.Cli.Store;

/// <summary>
/// One installed version: <c>skills/{name}/{version}/</c>. A damaged entry (a missing or invalid
/// SKILL.md, a folder whose name or version disagrees with its file) has a <see cref="Problem"/>
/// and is listed as such, never run.
/// </summary>
/// <param name="Name">The folder name, which is the skill's name for a sound entry.</param>
/// <param name="VersionText">The version folder's name, as found on disk.</param>
/// <param name="Version">The parsed version, or <see langword="null"/> when the folder name is not SemVer.</param>
/// <param name="Directory">The entry's folder.</param>
/// <param name="Description">The skill's description, when its SKILL.md could be read.</param>
/// <param name="Problem">What is wrong with the entry and what to do, or <see langword="null"/> when it is sound.</param>
internal sealed record StoreEntry(string Name, string VersionText, SemanticVersion? Version, string Directory, string? Description, string? Problem)
{
    /// <summary>The entry's SKILL.md.</summary>
    public string SkillFile => System.IO.Path.Combine(Directory, "SKILL.md");

    /// <summary>Whether the entry can be used.</summary>
    public bool IsSound => Problem is null && Version is not null;
}
