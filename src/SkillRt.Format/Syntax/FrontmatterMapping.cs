using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>A YAML mapping whose keys are strings, in source order. Duplicate keys are reported and dropped.</summary>
public sealed class FrontmatterMapping : FrontmatterNode
{
    internal FrontmatterMapping(IReadOnlyList<FrontmatterEntry> entries, SourceSpan span)
        : base(span, Size(entries)) => Entries = entries;

    /// <summary>The entries, in source order.</summary>
    public IReadOnlyList<FrontmatterEntry> Entries { get; }

    /// <inheritdoc />
    public override string KindDescription => "a mapping";

    /// <summary>Finds the entry with the given key (ordinal comparison).</summary>
    public FrontmatterEntry? Find(string key)
    {
        // Mappings in a SKILL.md are small, so a linear scan beats building a dictionary.
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
