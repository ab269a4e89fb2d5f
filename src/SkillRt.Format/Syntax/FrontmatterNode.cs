using System;
using System.Text;

namespace SkillRt;

/// <summary>
/// A node of the frontmatter's YAML tree, with its position in the SKILL.md file.
/// The tree keeps every key in source order, including keys SkillRt does not know.
/// </summary>
public abstract class FrontmatterNode
{
    private protected FrontmatterNode(SourceSpan span, long expandedSize)
    {
        Span = span;
        ExpandedSize = Math.Min(expandedSize, int.MaxValue);
    }

    /// <summary>Where the node is in the SKILL.md file.</summary>
    public SourceSpan Span { get; }

    /// <summary>
    /// How many nodes this subtree stands for when aliases are expanded. The parser bounds the
    /// total, so walking a tree is bounded even though aliased nodes are shared, not copied.
    /// </summary>
    internal long ExpandedSize { get; }

    /// <summary>What kind of value this is, as words used in messages ("a string", "a list", …).</summary>
    internal abstract string KindDescription { get; }

    /// <summary>
    /// Writes the node as JSON. YAML scalars become JSON values by the YAML 1.2 core schema
    /// (plain <c>42</c> is a number, quoted <c>"42"</c> a string).
    /// </summary>
    public string ToJson()
    {
        var builder = new StringBuilder();
        FrontmatterJsonWriter.Write(this, builder);
        return builder.ToString();
    }
}
