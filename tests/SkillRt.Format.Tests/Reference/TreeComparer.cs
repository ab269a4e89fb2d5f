using System.Globalization;

namespace SkillRt.Tests.Reference;

/// <summary>Compares two frontmatter trees by content (keys in order, values, scalar kinds), not by span.</summary>
internal static class TreeComparer
{
    /// <summary>Returns null when equal, or where and how they differ.</summary>
    public static string? Difference(FrontmatterNode? expected, FrontmatterNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (FrontmatterScalar e, FrontmatterScalar a):
                if (e.Value != a.Value || e.Kind != a.Kind)
                {
                    return $"{path}: expected {e.Kind} {Quote(e.Value)}, got {a.Kind} {Quote(a.Value)}";
                }

                return null;
            case (FrontmatterSequence e, FrontmatterSequence a):
                if (e.Items.Count != a.Items.Count)
                {
                    return $"{path}: expected {e.Items.Count} items, got {a.Items.Count}";
                }

                for (var i = 0; i < e.Items.Count; i++)
                {
                    if (Difference(e.Items[i], a.Items[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case (FrontmatterMapping e, FrontmatterMapping a):
                if (e.Entries.Count != a.Entries.Count)
                {
                    return $"{path}: expected keys [{string.Join(", ", System.Linq.Enumerable.Select(e.Entries, x => x.Name))}], got [{string.Join(", ", System.Linq.Enumerable.Select(a.Entries, x => x.Name))}]";
                }

                for (var i = 0; i < e.Entries.Count; i++)
                {
                    if (e.Entries[i].Name != a.Entries[i].Name)
                    {
                        return $"{path}: key {i} expected {Quote(e.Entries[i].Name)}, got {Quote(a.Entries[i].Name)}";
                    }

                    if (Difference(e.Entries[i].Value, a.Entries[i].Value, path + "." + e.Entries[i].Name) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return $"{path}: expected {expected?.KindDescription ?? "nothing"}, got {actual?.KindDescription ?? "nothing"}";
        }
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"" +
        string.Create(CultureInfo.InvariantCulture, $"({value.Length})");
}
