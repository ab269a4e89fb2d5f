using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// One entry of <c>memory.read</c> or <c>memory.write</c>: a namespace, or every namespace below one
/// (<c>acme/*</c>), and the kinds allowed there (all kinds when none are listed).
/// </summary>
public sealed class SkillMemoryGrant
{
    /// <summary>The namespace, without a trailing <c>/*</c>: <c>acme/payments</c>.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>
    /// Whether the grant was written <c>acme/*</c>: it then covers every namespace below <see cref="Namespace"/>
    /// at any depth (<c>acme/payments</c>, <c>acme/payments/eu</c>), but not <see cref="Namespace"/> itself.
    /// </summary>
    public bool IncludesSubNamespaces { get; init; }

    /// <summary>The kinds allowed; empty when the grant allows every kind.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Where the grant is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Whether the grant covers a memory of <paramref name="kind"/> in <paramref name="namespace"/>.</summary>
    /// <param name="namespace">A namespace such as <c>acme/payments</c>.</param>
    /// <param name="kind">A kind name, or <see langword="null"/> for a query not limited to a kind (covered by any grant of the namespace).</param>
    public bool Covers(string @namespace, string? kind)
    {
        if (@namespace is null)
        {
            throw new ArgumentNullException(nameof(@namespace));
        }

        var namespaceMatches = IncludesSubNamespaces
            ? @namespace.Length > Namespace.Length + 1
                && @namespace.StartsWith(Namespace, StringComparison.Ordinal)
                && @namespace[Namespace.Length] == '/'
            : string.Equals(@namespace, Namespace, StringComparison.Ordinal);
        if (!namespaceMatches)
        {
            return false;
        }

        if (kind is null || Kinds.Count == 0)
        {
            return true;
        }

        foreach (var allowed in Kinds)
        {
            if (string.Equals(allowed, kind, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The grant as written, without its kinds: <c>acme/payments</c> or <c>acme/*</c>.</summary>
    public override string ToString() => IncludesSubNamespaces ? Namespace + "/*" : Namespace;
}
