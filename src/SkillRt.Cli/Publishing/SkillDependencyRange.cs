using NuGet.Versioning;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// A skill's dependency range (npm-style <c>^1.2</c>, <c>~1.2.3</c>, an interval, an exact version or
/// <c>*</c>) as the NuGet range a package dependency records: the same bounds and inclusiveness, read
/// from what <see cref="SkillVersionRange"/> parsed. <c>^1.2</c> becomes <c>[1.2.0, 2.0.0)</c>,
/// <c>1.2.3</c> becomes <c>[1.2.3]</c>, <c>*</c> no bound at all.
/// </summary>
/// <remarks>
/// The bounds are the same, the choice inside them is not: <c>dotnet restore</c> takes the lowest
/// version in the range, <c>skillrt install</c> the highest; and npm's rule that a pre-release
/// satisfies a range only through a bound of the same release has no exact NuGet equivalent.
/// </remarks>
internal static class SkillDependencyRange
{
    public static VersionRange ToNuGet(SkillVersionRange range) =>
        new(
            range.Minimum is { } minimum ? NuGetVersion.Parse(minimum.ToString()) : null,
            range.IsMinimumInclusive,
            range.Maximum is { } maximum ? NuGetVersion.Parse(maximum.ToString()) : null,
            range.IsMaximumInclusive);
}
