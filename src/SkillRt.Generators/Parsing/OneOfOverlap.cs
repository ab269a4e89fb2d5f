using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>
/// Finds <c>oneOf</c> branches that overlap so that one can never be chosen: when every value a
/// branch accepts is accepted by another branch too, <c>oneOf</c> rejects all of them (as for
/// <c>oneOf: [{type: string}, {type: string, format: date}]</c>, where <c>format</c> is an annotation).
/// </summary>
/// <remarks>
/// A branch B covers a branch A when each assertion of B is one of A's with the same value, with
/// <c>type</c> compared as sets (<c>integer</c> inside <c>number</c>). That is certain, never a
/// guess: what B asks, A asks already. Branches that merely may overlap (two objects that each
/// require a different property) are left to the reader, which names both branches when a value
/// matches them. Unions of more than <see cref="MaxBranches"/> branches are not compared pairwise.
/// </remarks>
internal static class OneOfOverlap
{
    private const int MaxBranches = 128;
    private const int MaxReferenceHops = 16;

    /// <summary>Keywords whose values are one schema.</summary>
    private static readonly string[] SchemaKeywords = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"];

    /// <summary>Keywords whose values map names to schemas.</summary>
    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    /// <summary>Keywords whose values are lists of schemas.</summary>
    private static readonly string[] SchemaListKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];

    /// <summary>Each <c>oneOf</c> in <paramref name="root"/> with a branch another covers: its pointer, span, and the two branch indexes.</summary>
    public static List<(string Pointer, SourceSpan Span, int Covered, int Covering)> Find(FrontmatterNode root)
    {
        var found = new List<(string, SourceSpan, int, int)>();
        if (!SchemaSatisfiability.IsPlainDocument(root))
        {
            // Branches compare by their text, and their $refs by the root: not where $id moves the base.
            return found;
        }

        var stack = new Stack<(FrontmatterNode Node, string Pointer)>();
        stack.Push((root, "#"));
        while (stack.Count > 0)
        {
            var (node, pointer) = stack.Pop();
            if (node is not FrontmatterMapping schema)
            {
                continue;
            }

            if (schema["oneOf"] is FrontmatterSequence { Items.Count: > 1 and <= MaxBranches } branches && Overlap(root, branches) is { } pair)
            {
                found.Add((pointer + "/oneOf", branches.Items[pair.Covered].Span, pair.Covered, pair.Covering));
            }

            foreach (var keyword in SchemaKeywords)
            {
                if (schema[keyword] is { } child)
                {
                    stack.Push((child, pointer + "/" + keyword));
                }
            }

            foreach (var keyword in SchemaMapKeywords)
            {
                foreach (var entry in (schema[keyword] as FrontmatterMapping)?.Entries ?? [])
                {
                    stack.Push((entry.Value, pointer + "/" + keyword + "/" + FrontmatterPointer.Escape(entry.Name)));
                }
            }

            foreach (var keyword in SchemaListKeywords)
            {
                var items = (schema[keyword] as FrontmatterSequence)?.Items ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    stack.Push((items[i], pointer + "/" + keyword + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        return found;
    }

    private static (int Covered, int Covering)? Overlap(FrontmatterNode root, FrontmatterSequence branches)
    {
        var resolved = branches.Items.Select(b => Resolve(root, b)).ToList();
        for (var a = 0; a < resolved.Count; a++)
        {
            for (var b = 0; b < resolved.Count; b++)
            {
                if (a != b && Covers(resolved[b], resolved[a]))
                {
                    // Of two identical branches, the later one is the one to remove.
                    return Covers(resolved[a], resolved[b]) ? (Math.Max(a, b), Math.Min(a, b)) : (a, b);
                }
            }
        }

        return null;
    }

    /// <summary>Whether every value <paramref name="narrow"/> accepts, <paramref name="wide"/> accepts too (certainly; false when unsure).</summary>
    private static bool Covers(FrontmatterNode wide, FrontmatterNode narrow)
    {
        if (wide is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag)
        {
            return YamlScalars.IsTrue(flag.Value);
        }

        if (wide is not FrontmatterMapping wideSchema || narrow is not FrontmatterMapping narrowSchema)
        {
            return false;
        }

        foreach (var entry in wideSchema.Entries)
        {
            if (!SchemaTypeMapper.IsAssertion(entry.Name))
            {
                continue;
            }

            if (entry.Name is "unevaluatedProperties" or "unevaluatedItems" or "$dynamicRef" or "$recursiveRef")
            {
                // What these allow depends on every other keyword, in both schemas.
                return false;
            }

            // A keyword whose meaning depends on siblings (additionalProperties on properties,
            // items on prefixItems, contains on minContains) only compares when those are the same.
            if (Context.TryGetValue(entry.Name, out var siblings) && siblings.Any(s => wideSchema[s]?.ToJson() != narrowSchema[s]?.ToJson()))
            {
                return false;
            }

            var other = narrowSchema[entry.Name];
            if (entry.Name == "type")
            {
                if (other is null || Types(entry.Value) is not { } wideTypes || Types(other) is not { } narrowTypes ||
                    !narrowTypes.All(t => wideTypes.Contains(t) || t == "integer" && wideTypes.Contains("number")))
                {
                    return false;
                }
            }
            else if (other is null || other.ToJson() != entry.Value.ToJson())
            {
                return false;
            }
        }

        // A $ref-less wide schema says nothing about $defs it holds; a narrow one whose keywords
        // all appear in it, with the same values, asks at least as much.
        return true;
    }

    private static readonly Dictionary<string, string[]> Context = new(StringComparer.Ordinal)
    {
        ["additionalProperties"] = ["properties", "patternProperties"],
        ["items"] = ["prefixItems"],
        ["contains"] = ["minContains", "maxContains"],
        ["minContains"] = ["contains"],
        ["maxContains"] = ["contains"],
        ["then"] = ["if"],
        ["else"] = ["if"],
    };

    private static HashSet<string>? Types(FrontmatterNode node) => node switch
    {
        FrontmatterScalar scalar => [scalar.Value],
        FrontmatterSequence sequence when sequence.Items.All(i => i is FrontmatterScalar) => new HashSet<string>(sequence.Items.Cast<FrontmatterScalar>().Select(s => s.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>A branch that is only a <c>$ref</c> (and annotations) is what it refers to.</summary>
    private static FrontmatterNode Resolve(FrontmatterNode root, FrontmatterNode node)
    {
        for (var hop = 0; hop < MaxReferenceHops; hop++)
        {
            if (node is not FrontmatterMapping schema || schema["$ref"] is not FrontmatterScalar reference ||
                schema.Entries.Any(e => e.Name != "$ref" && SchemaTypeMapper.IsAssertion(e.Name)) || SchemaReferences.Resolve(root, reference) is not { } target)
            {
                break;
            }

            node = target;
        }

        return node;
    }
}
