using System.Globalization;
using NuGet.Versioning;

namespace SkillRt.Cli.Store;

/// <summary>
/// Turns a range in NuGet's syntax that <see cref="SkillVersionRange"/> does not read itself into the
/// same versions as a <see cref="SkillVersionRange"/> interval. These are NuGet's bare minimum
/// (<c>1.0</c> and <c>1</c> mean 1.0.0 or later, as in a PackageReference) and its wildcards
/// (<c>1.*</c> is the 1.x line, <c>1.2.*</c> the 1.2.x line: NuGet picks the highest of them).
/// Skill versions have three numbers, so four-part versions and prerelease wildcards, which
/// have no skill equivalent, are refused with what to write instead.
/// </summary>
internal static class NuGetRequestRange
{
    /// <param name="range">What <see cref="VersionRange.TryParse(string, bool, out VersionRange)"/> read.</param>
    /// <param name="rangeText">The range as written, for messages.</param>
    /// <param name="request">The whole <c>name@range</c>, for messages.</param>
    public static SkillVersionRange Translate(VersionRange range, string rangeText, string request)
    {
        string interval;
        // A wildcard inside an interval ([1.*,1.5)) is bounded by the interval; alone, by its own line.
        if (range.IsFloating && !range.HasUpperBound)
        {
            var floor = range.Float.MinVersion;
            interval = range.Float.FloatBehavior switch
            {
                NuGetVersionFloatBehavior.Major or NuGetVersionFloatBehavior.AbsoluteLatest when !floor.IsPrerelease => "(,)",
                NuGetVersionFloatBehavior.Minor => Interval(floor.Major, 0, floor.Major + 1, 0),
                NuGetVersionFloatBehavior.Patch => Interval(floor.Major, floor.Minor, floor.Major, floor.Minor + 1),
                _ => throw Unsupported(rangeText, request, "a prerelease or fourth-number wildcard has no skill equivalent (skill versions have three numbers)"),
            };
        }
        else
        {
            if (range.MinVersion is { Revision: not 0 } || range.MaxVersion is { Revision: not 0 })
            {
                throw Unsupported(rangeText, request, "skill versions have three numbers, not four");
            }

            var lower = range.HasLowerBound ? range.MinVersion!.ToNormalizedString() : string.Empty;
            var upper = range.HasUpperBound ? range.MaxVersion!.ToNormalizedString() : string.Empty;
            interval = (range.IsMinInclusive && range.HasLowerBound ? "[" : "(") + lower + "," + upper + (range.IsMaxInclusive && range.HasUpperBound ? "]" : ")");
        }

        if (interval == "(,)")
        {
            return SkillVersionRange.Parse("*");
        }

        if (!SkillVersionRange.TryParse(interval, out var translated))
        {
            throw Unsupported(rangeText, request, $"it reads as the interval {interval}, which no skill version satisfies");
        }

        return translated;
    }

    private static string Interval(int fromMajor, int fromMinor, int toMajor, int toMinor) =>
        string.Create(CultureInfo.InvariantCulture, $"[{fromMajor}.{fromMinor}.0,{toMajor}.{toMinor}.0)");

    private static CliException Unsupported(string rangeText, string request, string reason) =>
        new(
            ExitCodes.UsageError,
            $"'{rangeText}' in '{request}' is a NuGet version range, but {reason}; write a version (1.4.0), a caret or tilde range (^1.2, ~1.2.3), an interval ([1.0,2.0)), or a NuGet minimum or wildcard (1.0, 1.*).");
}
