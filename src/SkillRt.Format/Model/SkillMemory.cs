using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// What a skill keeps in shared memory (the <c>memory</c> key, spec section 16): the kinds of memory
/// it defines, and the namespaces and kinds it may read and write. Anything not granted is refused.
/// </summary>
public sealed class SkillMemory
{
    /// <summary>A skill that declares no memory: it defines no kinds and may read and write nothing.</summary>
    public static SkillMemory None { get; } = new();

    /// <summary>The kinds the skill defines, each with the JSON Schema of its values, in source order.</summary>
    public IReadOnlyList<SkillMemoryKind> Kinds { get; init; } = [];

    /// <summary>Where the skill may find and get memories (<c>memory.read</c>).</summary>
    public IReadOnlyList<SkillMemoryGrant> Read { get; init; } = [];

    /// <summary>Where the skill may upsert and forget memories (<c>memory.write</c>).</summary>
    public IReadOnlyList<SkillMemoryGrant> Write { get; init; } = [];

    /// <summary>Where the <c>memory</c> key is declared; the default span when it is not.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Whether the skill declares any memory access at all.</summary>
    public bool IsEmpty => Kinds.Count == 0 && Read.Count == 0 && Write.Count == 0;

    /// <summary>Whether a grant in <see cref="Read"/> covers a memory of <paramref name="kind"/> in <paramref name="namespace"/>.</summary>
    /// <param name="namespace">A namespace such as <c>acme/payments</c>.</param>
    /// <param name="kind">A kind name, or <see langword="null"/> for "any kind the grant allows" (a query not limited to a kind).</param>
    public bool CanRead(string @namespace, string? kind) => Covers(Read, @namespace, kind);

    /// <summary>Whether a grant in <see cref="Write"/> covers a memory of <paramref name="kind"/> in <paramref name="namespace"/>.</summary>
    /// <param name="namespace">A namespace such as <c>acme/payments</c>.</param>
    /// <param name="kind">The kind of the memory written.</param>
    public bool CanWrite(string @namespace, string kind) => Covers(Write, @namespace, kind ?? throw new ArgumentNullException(nameof(kind)));

    /// <summary>The kind named <paramref name="name"/> that the skill defines, or <see langword="null"/>.</summary>
    public SkillMemoryKind? FindKind(string name)
    {
        foreach (var kind in Kinds)
        {
            if (string.Equals(kind.Name, name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    private static bool Covers(IReadOnlyList<SkillMemoryGrant> grants, string @namespace, string? kind)
    {
        if (@namespace is null)
        {
            throw new ArgumentNullException(nameof(@namespace));
        }

        foreach (var grant in grants)
        {
            if (grant.Covers(@namespace, kind))
            {
                return true;
            }
        }

        return false;
    }
}
