using System.Reflection;
using NuGet.Versioning;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// The SkillRt version a published skill package depends on. A project that <c>dotnet pack</c>s skills
/// references the SkillRt package, and its nuspec records that version; the CLI is released with SkillRt
/// at one version, so the package depends on the SkillRt this CLI ships with.
/// </summary>
internal static class SkillRtVersion
{
    /// <summary>This CLI's package version, without the build metadata (<c>+commit</c>) the SDK appends.</summary>
    public static NuGetVersion Current { get; } = Read();

    private static NuGetVersion Read()
    {
        var informational = typeof(SkillRtVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = informational?.IndexOf('+', System.StringComparison.Ordinal) ?? -1;
        var text = plus >= 0 ? informational![..plus] : informational;
        return NuGetVersion.TryParse(text, out var version) ? version : new NuGetVersion(typeof(SkillRtVersion).Assembly.GetName().Version!);
    }
}
