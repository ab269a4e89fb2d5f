namespace SkillRt;

/// <summary>
/// The note the generator and the MSBuild tasks add to an error in a skill that comes from a NuGet
/// package: the consumer cannot edit the file, so it says whose it is and how to do without it.
/// </summary>
internal static class PackagedSkillNote
{
    public static string For(string package) =>
        $" (in a skill of the package {package}: report it to the package's author, or leave the package's skills out with <SkillRtExcludePackages>{package}</SkillRtExcludePackages>)";
}
