using System;

namespace SkillRt.Memory.Kinds;

/// <summary>The syntax of namespaces, kinds, tags and keys (spec/MEMORY-SPEC.md, "Names").</summary>
internal static class MemoryNames
{
    public const int MaxNamespaceSegments = 8;
    public const int MaxSegmentLength = 64;
    public const int MaxKeyLength = 256;

    /// <summary>A skill-name-like segment: 1–64 of a-z, 0-9 and single inner hyphens.</summary>
    public static bool IsValidSegment(ReadOnlySpan<char> segment)
    {
        if (segment.Length is 0 or > MaxSegmentLength || segment[0] == '-' || segment[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && segment[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidKind(string? name) => name is not null && IsValidSegment(name);

    public static bool IsValidNamespace(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var segments = value.Split('/');
        if (segments.Length > MaxNamespaceSegments)
        {
            return false;
        }

        foreach (var segment in segments)
        {
            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A namespace, or a namespace followed by <c>/*</c> (every namespace below it).</summary>
    public static bool IsValidNamespacePattern(string? value, out string @namespace, out bool subtree)
    {
        subtree = value is not null && value.EndsWith("/*", StringComparison.Ordinal);
        @namespace = subtree ? value![..^2] : value ?? "";
        return IsValidNamespace(@namespace);
    }

    public static string DescribeNamespaceRule() =>
        "A namespace is 1-8 segments separated by '/', each 1-64 characters of lowercase a-z, 0-9 and single hyphens, not starting or ending with a hyphen (e.g. 'acme/payments').";

    /// <summary>Tags: 1–64 of a-z, 0-9 and <c>-_.:</c>, starting with a letter or digit.</summary>
    public static bool IsValidTag(string? tag, int maxLength)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > maxLength || !char.IsAsciiLetterLower(tag[0]) && !char.IsAsciiDigit(tag[0]))
        {
            return false;
        }

        foreach (var c in tag)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keys are free text (agents make them up) but bounded and free of control characters.</summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Trim().Length != key.Length)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
