using System.Security;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// The text the install boxes show, built from the version the page shows: the CLI's install command
/// (docs/cli.md: <c>skillrt install &lt;name@range&gt;</c> takes a skill name, and an exact version is
/// a range), the project's package reference, and the <c>SkillFile</c> item the package's
/// <c>buildTransitive</c> targets add to every project that references it.
/// </summary>
internal static class InstallSnippets
{
    /// <summary><c>skillrt install pr-review@1.1.0</c>; a skill without a version of its own installs by name.</summary>
    public static string Cli(string skillName, string? skillVersion) =>
        skillVersion is null ? $"skillrt install {skillName}" : $"skillrt install {skillName}@{skillVersion}";

    /// <summary><c>&lt;PackageReference Include="Contoso.PrReview" Version="1.1.0" /&gt;</c>.</summary>
    public static string PackageReference(string packageId, string version) =>
        $"<PackageReference Include=\"{Xml(packageId)}\" Version=\"{Xml(version)}\" />";

    /// <summary>The <c>SkillFile</c> item the package gives a referencing project, as ConsumerTargetsWriter (SkillRt.Build) writes it.</summary>
    public static string SkillFile(string packageId, string skillPath) =>
        $"<SkillFile Include=\"$(MSBuildThisFileDirectory)../{Xml(skillPath)}\" Pack=\"false\" SkillRtPackage=\"{Xml(packageId)}\" SkillRtPackagePath=\"{Xml(skillPath)}\" />";

    private static string Xml(string text) => SecurityElement.Escape(text)!;
}
