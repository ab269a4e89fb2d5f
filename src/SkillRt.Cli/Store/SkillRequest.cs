using System;
using NuGet.Versioning;

namespace SkillRt.Cli.Store;

/// <summary>
/// A skill asked for by name, optionally with a version range: <c>pr-review</c>, <c>pr-review@^1.2</c>,
/// <c>pr-review@1.4.0</c>, <c>pr-review@1.0</c>. The range is read as a skill dependency's range first
/// (<see cref="SkillVersionRange"/>: exact versions, <c>^</c>, <c>~</c>, intervals, <c>*</c>) and otherwise
/// as NuGet reads a PackageReference version (<see cref="NuGetRequestRange"/>: <c>1.0</c> for 1.0 or later,
/// <c>1.*</c>), so what a .NET developer types for a package works for a skill too.
/// </summary>
/// <param name="Name">The skill's name.</param>
/// <param name="Range">The versions accepted, or <see langword="null"/> for any.</param>
/// <param name="RangeText">The range as written, for messages.</param>
internal sealed record SkillRequest(string Name, SkillVersionRange? Range, string? RangeText)
{
    /// <summary>Parses <c>name[@range]</c>; a bad range is a usage error naming what to write.</summary>
    public static SkillRequest Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? text : text[..at];
        if (!SkillStore.IsStoreName(name))
        {
            throw new CliException(ExitCodes.UsageError, $"'{text}' is not a skill name; write name or name@range, for example pr-review@^1.2.");
        }

        if (at < 0)
        {
            return new SkillRequest(name, null, null);
        }

        var rangeText = text[(at + 1)..];
        if (SkillVersionRange.TryParse(rangeText, out var range, out var problem))
        {
            return new SkillRequest(name, range, rangeText);
        }

        if (VersionRange.TryParse(rangeText, allowFloating: true, out var nuGetRange))
        {
            return new SkillRequest(name, NuGetRequestRange.Translate(nuGetRange, rangeText, text), rangeText);
        }

        throw new CliException(
            ExitCodes.UsageError,
            $"'{rangeText}' in '{text}' is not a version range ({problem}); write a version (1.4.0), a caret or tilde range (^1.2, ~1.2.3), an interval ([1.0,2.0)), or a NuGet minimum or wildcard (1.0 for 1.0 or later, 1.*).");
    }

    public override string ToString() => RangeText is null ? Name : $"{Name}@{RangeText}";
}
