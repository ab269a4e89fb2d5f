using System;
using System.Globalization;

namespace SkillRt;

/// <summary>
/// JSON Pointers (RFC 6901) over a frontmatter tree: resolving a schema's local <c>$ref</c> and
/// escaping property names into pointer segments. One implementation for the validator, the default
/// checker and the generator, so they agree on what a reference means.
/// </summary>
internal static class FrontmatterPointer
{
    /// <summary>Resolves <c>#</c> or <c>#/a/b</c> against <paramref name="root"/>; null for anything else or a pointer that leads nowhere.</summary>
    public static FrontmatterNode? Resolve(FrontmatterNode root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        FrontmatterNode? node = root;
        foreach (var rawSegment in reference.Substring(2).Split('/'))
        {
            var segment = Unescape(Uri.UnescapeDataString(rawSegment));
            node = node switch
            {
                FrontmatterMapping mapping => mapping[segment],
                FrontmatterSequence sequence when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sequence.Items.Count => sequence.Items[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A property name as a pointer segment: <c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    /// <summary>A pointer segment back to the property name.</summary>
    public static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
