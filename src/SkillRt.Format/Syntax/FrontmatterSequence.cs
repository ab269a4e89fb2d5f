using System.Collections.Generic;

namespace SkillRt;

/// <summary>A YAML sequence (list).</summary>
public sealed class FrontmatterSequence : FrontmatterNode
{
    internal FrontmatterSequence(IReadOnlyList<FrontmatterNode> items, SourceSpan span)
        : base(span, Size(items)) => Items = items is List<FrontmatterNode> list ? list.AsReadOnly() : items;

    /// <summary>The items, in source order.</summary>
    public IReadOnlyList<FrontmatterNode> Items { get; }

    /// <inheritdoc />
    internal override string KindDescription => "a list";

    private static long Size(IReadOnlyList<FrontmatterNode> items)
    {
        long size = 1;
        foreach (var item in items)
        {
            size += item.ExpandedSize;
        }

        return size;
    }
}
