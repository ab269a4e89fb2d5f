using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>A YAML mapping whose keys are strings, in source order. Duplicate keys are reported and dropped.</summary>
public sealed class FrontmatterMapping : FrontmatterNode
{
    internal FrontmatterMapping(IReadOnlyList<FrontmatterEntry> entries, SourceSpan span)
        : base(span, Size(entries)) => Entries = entries is List<FrontmatterEntry> list ? list.AsReadOnly() : entries;

    /// <summary>The entries, in source order.</summary>
    public IReadOnlyList<FrontmatterEntry> Entries { get; }

    /// <inheritdoc />
    internal override string KindDescription => "a mapping";

    private Dictionary<string, FrontmatterEntry>? _index;

    /// <summary>Finds the entry with the given key (ordinal comparison).</summary>
    public FrontmatterEntry? Find(string key)
    {
        // Mappings in a SKILL.md are small, where a scan beats a dictionary; large ones get an index
        // on first use so that lookups (such as $ref resolution) stay linear overall.
        if (Entries.Count > 16)
        {
            var index = _index ??= BuildIndex(Entries);
            return index.TryGetValue(key, out var found) ? found : null;
        }

        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Gets the value with the given key, or <see langword="null"/>.</summary>
    public FrontmatterNode? this[string key] => Find(key)?.Value;

    private static Dictionary<string, FrontmatterEntry> BuildIndex(IReadOnlyList<FrontmatterEntry> entries)
    {
        var index = new Dictionary<string, FrontmatterEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            index[entry.Name] = entry;
        }

        return index;
    }

    private static long Size(IReadOnlyList<FrontmatterEntry> entries)
    {
        long size = 1;
        foreach (var entry in entries)
        {
            size += 1 + entry.Value.ExpandedSize;
        }

        return size;
    }
}
