using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SkillRt;

/// <summary>
/// The versions of a skill dependency that satisfy it, written npm-style (<c>^1.2</c>, <c>~1.2</c>),
/// as a NuGet interval (<c>[1.0,2.0)</c>), as an exact version (<c>1.2.3</c>) or as <c>*</c> (any).
/// </summary>
public sealed class SkillVersionRange
{
    private SkillVersionRange(string text, SemanticVersion? minimum, bool isMinimumInclusive, SemanticVersion? maximum, bool isMaximumInclusive)
    {
        Text = text;
        Minimum = minimum;
        IsMinimumInclusive = isMinimumInclusive;
        Maximum = maximum;
        IsMaximumInclusive = isMaximumInclusive;
    }

    /// <summary>The range that every version satisfies.</summary>
    public static SkillVersionRange Any { get; } = new("*", null, false, null, false);

    /// <summary>The range as written.</summary>
    public string Text { get; }

    /// <summary>The lower bound, or <see langword="null"/> for none.</summary>
    public SemanticVersion? Minimum { get; }

    /// <summary>Whether <see cref="Minimum"/> itself is in the range.</summary>
    public bool IsMinimumInclusive { get; }

    /// <summary>The upper bound, or <see langword="null"/> for none.</summary>
    public SemanticVersion? Maximum { get; }

    /// <summary>Whether <see cref="Maximum"/> itself is in the range.</summary>
    public bool IsMaximumInclusive { get; }

    /// <summary>
    /// Whether the version is in the range. As in npm, a pre-release version satisfies a range only
    /// when a bound of the range is a pre-release of the same MAJOR.MINOR.PATCH, so <c>^1.2</c>
    /// never selects <c>2.0.0-beta</c> or <c>1.5.0-rc.1</c> by accident.
    /// </summary>
    public bool Satisfies(SemanticVersion version)
    {
        if (version is null)
        {
            throw new ArgumentNullException(nameof(version));
        }

        if (version.IsPrerelease && !IsPrereleaseOfSameRelease(Minimum, version) && !IsPrereleaseOfSameRelease(Maximum, version))
        {
            return false;
        }

        if (Minimum is not null && (IsMinimumInclusive ? version < Minimum : version <= Minimum))
        {
            return false;
        }

        return Maximum is null || (IsMaximumInclusive ? version <= Maximum : version < Maximum);
    }

    private static bool IsPrereleaseOfSameRelease(SemanticVersion? bound, SemanticVersion version) =>
        bound is { IsPrerelease: true } && bound.Major == version.Major && bound.Minor == version.Minor && bound.Patch == version.Patch;

    /// <summary>Parses a range; see the class summary for the forms accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SkillVersionRange? range) => TryParse(text, out range, out _);

    /// <summary>Parses a range; see the class summary for the forms accepted.</summary>
    /// <exception cref="FormatException">The text is not a version range.</exception>
    public static SkillVersionRange Parse(string text) =>
        TryParse(text, out var range, out var error) ? range : throw new FormatException($"'{text}' is not a version range: {error}.");

    /// <summary>Parses a range, saying what is wrong when it cannot.</summary>
    internal static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SkillVersionRange? range, out string error)
    {
        range = null;
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "the version range is empty";
            return false;
        }

        var value = text!;
        if (value == "*")
        {
            // A new instance, not Any: Any stands for "no range written" (see SkillDependency.ToString).
            range = new SkillVersionRange("*", null, false, null, false);
            return true;
        }

        switch (value[0])
        {
            case '^':
            case '~':
                return TryParseShorthand(value, out range, out error);
            case '[':
            case '(':
                return TryParseInterval(value, out range, out error);
        }

        if (!SemanticVersion.TryParse(value, out var exact))
        {
            error = $"'{value}' is not a version; an exact version needs all three numbers, such as 1.2.3";
            return false;
        }

        range = new SkillVersionRange(value, exact, true, exact, true);
        return true;
    }

    /// <summary>The range as a NuGet-style interval, such as <c>[1.2.0, 2.0.0)</c>.</summary>
    public override string ToString()
    {
        if (Minimum is null && Maximum is null)
        {
            return "*";
        }

        var builder = new StringBuilder();
        builder.Append(IsMinimumInclusive ? '[' : '(').Append(Minimum?.ToString()).Append(", ")
            .Append(Maximum?.ToString()).Append(IsMaximumInclusive ? ']' : ')');
        return builder.ToString();
    }

    private static bool TryParseShorthand(string text, out SkillVersionRange? range, out string error)
    {
        range = null;
        error = string.Empty;
        if (!SemanticVersion.TryParsePartial(text.Substring(1), out var floor, out var parts))
        {
            error = $"'{text.Substring(1)}' after '{text[0]}' is not a version such as 1, 1.2 or 1.2.3";
            return false;
        }

        SemanticVersion ceiling;
        if (text[0] == '~')
        {
            // ~1 allows 1.x; ~1.2 and ~1.2.3 allow patch changes only.
            ceiling = parts == 1 ? new SemanticVersion(floor!.Major + 1, 0, 0) : new SemanticVersion(floor!.Major, floor.Minor + 1, 0);
        }
        else if (floor!.Major > 0 || parts == 1)
        {
            ceiling = new SemanticVersion(floor.Major + 1, 0, 0);
        }
        else if (floor.Minor > 0 || parts == 2)
        {
            // npm semantics: below 1.0.0 the minor version is the breaking one.
            ceiling = new SemanticVersion(0, floor.Minor + 1, 0);
        }
        else
        {
            ceiling = new SemanticVersion(0, 0, floor.Patch + 1);
        }

        range = new SkillVersionRange(text, floor, true, ceiling, false);
        return true;
    }

    private static bool TryParseInterval(string text, out SkillVersionRange? range, out string error)
    {
        range = null;
        error = string.Empty;
        var last = text[text.Length - 1];
        if (text.Length < 3 || (last != ']' && last != ')'))
        {
            error = "an interval must end with ']' or ')'";
            return false;
        }

        var inner = text.Substring(1, text.Length - 2);
        var comma = inner.IndexOf(',');
        if (comma < 0)
        {
            // [1.2.3] is an exact version; (1.2.3) includes nothing.
            if (text[0] != '[' || last != ']' || !SemanticVersion.TryParsePartial(inner.Trim(), out var exact, out _))
            {
                error = "an interval needs two bounds, such as [1.0,2.0), or one exact version in square brackets, such as [1.2.3]";
                return false;
            }

            range = new SkillVersionRange(text, exact, true, exact, true);
            return true;
        }

        if (inner.IndexOf(',', comma + 1) >= 0)
        {
            error = "an interval has at most two bounds";
            return false;
        }

        var lowerText = inner.Substring(0, comma).Trim();
        var upperText = inner.Substring(comma + 1).Trim();
        SemanticVersion? lower = null;
        SemanticVersion? upper = null;
        if (lowerText.Length > 0 && !SemanticVersion.TryParsePartial(lowerText, out lower, out _))
        {
            error = $"the lower bound '{lowerText}' is not a version";
            return false;
        }

        if (upperText.Length > 0 && !SemanticVersion.TryParsePartial(upperText, out upper, out _))
        {
            error = $"the upper bound '{upperText}' is not a version";
            return false;
        }

        if (lower is null && upper is null)
        {
            error = "an interval needs at least one bound";
            return false;
        }

        if (lower is not null && upper is not null && (lower > upper || lower == upper && (text[0] != '[' || last != ']')))
        {
            error = "the lower bound is above the upper bound, so no version satisfies the range";
            return false;
        }

        range = new SkillVersionRange(text, lower, text[0] == '[' && lower is not null, upper, last == ']' && upper is not null);
        return true;
    }
}
