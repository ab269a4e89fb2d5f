using System.Collections.Generic;

namespace SkillRt;

/// <summary>A YAML sequence (list).</summary>
public sealed class FrontmatterSequence : FrontmatterNode
{
    internal FrontmatterSequence(IReadOnlyList<FrontmatterNode> items, SourceSpan span)
        : base(span) => Items = items;

    /// <summary>The items, in source order.</summary>
    public IReadOnlyList<FrontmatterNode> Items { get; }

    /// <inheritdoc />
    public override string KindDescription => "a list";
}
