using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace SkillRt;

/// <summary>A SemVer 2.0.0 version: <c>MAJOR.MINOR.PATCH[-prerelease][+build]</c>.</summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    /// <summary>Creates a version from its parts.</summary>
    public SemanticVersion(long major, long minor, long patch, string? prerelease = null, string? build = null)
    {
        if (major < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(major), "Version numbers cannot be negative.");
        }

        if (minor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minor), "Version numbers cannot be negative.");
        }

        if (patch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(patch), "Version numbers cannot be negative.");
        }

        var position = 0;
        if (!string.IsNullOrEmpty(prerelease) && (!TryReadIdentifiers(prerelease!, ref position, numericRules: true, out _) || position != prerelease!.Length))
        {
            throw new ArgumentException($"'{prerelease}' is not a SemVer pre-release label (dot-separated [0-9A-Za-z-] identifiers, no leading zeros).", nameof(prerelease));
        }

        position = 0;
        if (!string.IsNullOrEmpty(build) && (!TryReadIdentifiers(build!, ref position, numericRules: false, out _) || position != build!.Length))
        {
            throw new ArgumentException($"'{build}' is not SemVer build metadata (dot-separated [0-9A-Za-z-] identifiers).", nameof(build));
        }

        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = string.IsNullOrEmpty(prerelease) ? null : prerelease;
        Build = string.IsNullOrEmpty(build) ? null : build;
    }

    /// <summary>The major version.</summary>
    public long Major { get; }

    /// <summary>The minor version.</summary>
    public long Minor { get; }

    /// <summary>The patch version.</summary>
    public long Patch { get; }

    /// <summary>The pre-release label without the leading <c>-</c>, or <see langword="null"/>.</summary>
    public string? Prerelease { get; }

    /// <summary>The build metadata without the leading <c>+</c>, or <see langword="null"/>. It does not affect ordering.</summary>
    public string? Build { get; }

    /// <summary>Whether this is a pre-release version.</summary>
    public bool IsPrerelease => Prerelease is not null;

    /// <summary>Parses a strict SemVer 2.0.0 version (no leading <c>v</c>, no leading zeros, three numbers).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }

        var position = 0;
        if (!TryReadNumber(text, ref position, out var major) || !Expect(text, ref position, '.') ||
            !TryReadNumber(text, ref position, out var minor) || !Expect(text, ref position, '.') ||
            !TryReadNumber(text, ref position, out var patch))
        {
            return false;
        }

        string? prerelease = null;
        string? build = null;
        if (position < text.Length && text[position] == '-')
        {
            position++;
            if (!TryReadIdentifiers(text, ref position, numericRules: true, out prerelease))
            {
                return false;
            }
        }

        if (position < text.Length && text[position] == '+')
        {
            position++;
            if (!TryReadIdentifiers(text, ref position, numericRules: false, out build))
            {
                return false;
            }
        }

        if (position != text.Length)
        {
            return false;
        }

        version = new SemanticVersion(major, minor, patch, prerelease, build);
        return true;
    }

    /// <summary>Parses a strict SemVer 2.0.0 version.</summary>
    /// <exception cref="FormatException">The text is not a SemVer 2.0.0 version.</exception>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version) ? version! : throw new FormatException($"'{text}' is not a SemVer 2.0.0 version.");

    /// <summary>
    /// Parses a possibly partial version used in ranges (<c>1</c>, <c>1.2</c>, <c>1.2.3-beta</c>);
    /// <paramref name="parts"/> tells how many numbers were written. Missing numbers are zero.
    /// </summary>
    internal static bool TryParsePartial(string text, out SemanticVersion? version, out int parts)
    {
        version = null;
        parts = 0;
        var numbers = new long[3];
        var position = 0;
        while (parts < 3)
        {
            if (!TryReadNumber(text, ref position, out numbers[parts]))
            {
                return false;
            }

            parts++;
            if (position >= text.Length || text[position] != '.')
            {
                break;
            }

            position++;
        }

        if (position == text.Length)
        {
            version = new SemanticVersion(numbers[0], numbers[1], numbers[2]);
            return true;
        }

        // Pre-release and build parts are only meaningful on a full version.
        if (parts == 3 && TryParse(text, out version))
        {
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(other.Minor);
        }

        if (result == 0)
        {
            result = Patch.CompareTo(other.Patch);
        }

        return result != 0 ? result : ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <inheritdoc />
    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        unchecked((((Major.GetHashCode() * 397) ^ Minor.GetHashCode()) * 397 ^ Patch.GetHashCode()) * 397 ^
            (Prerelease is null ? 0 : StringComparer.Ordinal.GetHashCode(Prerelease)));

    /// <summary>The version in SemVer form, build metadata included.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Major.ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append(Minor.ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append(Patch.ToString(CultureInfo.InvariantCulture));
        if (Prerelease is not null)
        {
            builder.Append('-').Append(Prerelease);
        }

        if (Build is not null)
        {
            builder.Append('+').Append(Build);
        }

        return builder.ToString();
    }

    /// <summary>Compares two versions by SemVer precedence; <see langword="null"/> sorts first.</summary>
    public static bool operator <(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) < 0;

    /// <summary>Compares two versions by SemVer precedence; <see langword="null"/> sorts first.</summary>
    public static bool operator >(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) > 0;

    /// <summary>Compares two versions by SemVer precedence; <see langword="null"/> sorts first.</summary>
    public static bool operator <=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) <= 0;

    /// <summary>Compares two versions by SemVer precedence; <see langword="null"/> sorts first.</summary>
    public static bool operator >=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) >= 0;

    private static int Compare(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    /// <summary>Compares two versions for equal precedence.</summary>
    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two versions for different precedence.</summary>
    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);

    private static int ComparePrerelease(string? left, string? right)
    {
        if (left is null || right is null)
        {
            // A release sorts after all of its pre-releases.
            return left is null ? (right is null ? 0 : 1) : -1;
        }

        var leftParts = left.Split('.');
        var rightParts = right.Split('.');
        for (var i = 0; i < Math.Min(leftParts.Length, rightParts.Length); i++)
        {
            var leftNumeric = long.TryParse(leftParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var leftNumber);
            var rightNumeric = long.TryParse(rightParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var rightNumber);
            var result = (leftNumeric, rightNumeric) switch
            {
                (true, true) => leftNumber.CompareTo(rightNumber),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(leftParts[i], rightParts[i]),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return leftParts.Length.CompareTo(rightParts.Length);
    }

    private static bool Expect(string text, ref int position, char c)
    {
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private static bool TryReadNumber(string text, ref int position, out long value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && text[position] is >= '0' and <= '9')
        {
            if (value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = value * 10 + (text[position] - '0');
            position++;
        }

        var length = position - start;
        return length > 0 && (length == 1 || text[start] != '0');
    }

    // Dot-separated identifiers of [0-9A-Za-z-]; in pre-releases, numeric identifiers have no leading zeros.
    private static bool TryReadIdentifiers(string text, ref int position, bool numericRules, out string? value)
    {
        value = null;
        var start = position;
        while (true)
        {
            var identifierStart = position;
            var allDigits = true;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) && text[position] < 128 || text[position] == '-'))
            {
                allDigits &= text[position] is >= '0' and <= '9';
                position++;
            }

            var length = position - identifierStart;
            if (length == 0 || numericRules && allDigits && length > 1 && text[identifierStart] == '0')
            {
                return false;
            }

            if (position < text.Length && text[position] == '.')
            {
                position++;
                continue;
            }

            value = text.Substring(start, position - start);
            return true;
        }
    }
}
