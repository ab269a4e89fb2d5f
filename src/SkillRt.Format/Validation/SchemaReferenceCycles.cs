using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>
/// Finds <c>$ref</c>s that lead back to where they started without going into a part of the value
/// (<c>a</c> refers to <c>b</c>, which refers to <c>a</c>; or <c>allOf: [{$ref: '#'}]</c>).
/// Checking a value against such a schema never ends, so it is an error (SKILL0405) here, once,
/// for the build, the CLI and the runtime alike. Recursion that goes into a property or an array
/// item (a tree of comments) is fine: each step checks a smaller part of the value.
/// </summary>
/// <remarks>
/// Every keyword that applies a schema to the same value is followed, including those SkillRt
/// does not enforce itself (<c>allOf</c>, <c>not</c>, …): another JSON Schema implementation that
/// enforces them would loop forever too. The search is iterative, so a chain of thousands of
/// references cannot exhaust the stack.
/// </remarks>
internal static class SchemaReferenceCycles
{
    // Keywords whose schema (or list of schemas) applies to the value itself, not to a part of it.
    private static readonly string[] InPlaceSingle = ["not", "if", "then", "else"];
    private static readonly string[] InPlaceLists = ["allOf", "anyOf", "oneOf"];

    // Keywords that hold schemas for parts of the value, or definitions: walked to find every
    // mapping, but not edges of the in-place graph.
    private static readonly string[] ChildSingle = ["items", "additionalProperties", "additionalItems", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
    private static readonly string[] ChildMaps = ["properties", "patternProperties", "$defs", "definitions"];
    private static readonly string[] ChildLists = ["prefixItems", "items"];

    public static void Find(FrontmatterNode root, string location, List<SkillDiagnostic> diagnostics)
    {
        var pointers = new Dictionary<FrontmatterMapping, string>();
        var order = new List<FrontmatterMapping>();
        Collect(root, pointers, order);

        // 0: not visited, 1: on the current path, 2: finished.
        var state = new Dictionary<FrontmatterMapping, int>(order.Count);
        var path = new List<(FrontmatterMapping Schema, List<Edge> Edges, int Next)>();
        var reported = new HashSet<FrontmatterScalar>();
        foreach (var start in order)
        {
            if (state.TryGetValue(start, out var seen) && seen != 0)
            {
                continue;
            }

            state[start] = 1;
            path.Add((start, InPlaceEdges(root, start), 0));
            while (path.Count > 0)
            {
                var top = path[path.Count - 1];
                if (top.Next == top.Edges.Count)
                {
                    state[top.Schema] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                path[path.Count - 1] = (top.Schema, top.Edges, top.Next + 1);
                var edge = top.Edges[top.Next];
                state.TryGetValue(edge.Target, out var targetState);
                if (targetState == 0)
                {
                    // A reference may lead outside the schemas walked (into an annotation, say).
                    if (!pointers.ContainsKey(edge.Target))
                    {
                        pointers.Add(edge.Target, edge.Reference?.Value ?? Pointer(pointers, top.Schema));
                    }

                    state[edge.Target] = 1;
                    path.Add((edge.Target, InPlaceEdges(root, edge.Target), 0));
                }
                else if (targetState == 1)
                {
                    Report(location, pointers, path, edge, reported, diagnostics);
                }
            }
        }
    }

    // Every mapping in the schema, each with the pointer it is first reached by, in document order.
    private static void Collect(FrontmatterNode root, Dictionary<FrontmatterMapping, string> pointers, List<FrontmatterMapping> order)
    {
        var pending = new Stack<(FrontmatterNode Node, string Pointer)>();
        pending.Push((root, "#"));
        while (pending.Count > 0)
        {
            var (node, pointer) = pending.Pop();
            if (node is not FrontmatterMapping schema || pointers.ContainsKey(schema))
            {
                continue;
            }

            pointers.Add(schema, pointer);
            order.Add(schema);

            // Pushed in reverse so that the walk, and so the reports, follow the document.
            var children = new List<(FrontmatterNode, string)>();
            foreach (var entry in schema.Entries)
            {
                var here = pointer + "/" + FrontmatterPointer.Escape(entry.Name);
                if (Contains(InPlaceSingle, entry.Name) || Contains(ChildSingle, entry.Name) || entry.Name == "dependentSchemas" || Contains(ChildMaps, entry.Name))
                {
                    if (Contains(ChildMaps, entry.Name) || entry.Name == "dependentSchemas")
                    {
                        if (entry.Value is FrontmatterMapping map)
                        {
                            foreach (var child in map.Entries)
                            {
                                children.Add((child.Value, here + "/" + FrontmatterPointer.Escape(child.Name)));
                            }
                        }
                    }
                    else
                    {
                        children.Add((entry.Value, here));
                    }
                }

                if ((Contains(InPlaceLists, entry.Name) || Contains(ChildLists, entry.Name)) && entry.Value is FrontmatterSequence list)
                {
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        children.Add((list.Items[i], here + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    private static List<Edge> InPlaceEdges(FrontmatterNode root, FrontmatterMapping schema)
    {
        var edges = new List<Edge>();
        foreach (var entry in schema.Entries)
        {
            if (entry.Name == "$ref")
            {
                if (entry.Value is FrontmatterScalar { Kind: FrontmatterScalarKind.String } reference &&
                    SchemaReferences.Resolve(root, reference) is FrontmatterMapping target)
                {
                    edges.Add(new Edge(target, reference));
                }
            }
            else if (Contains(InPlaceSingle, entry.Name))
            {
                if (entry.Value is FrontmatterMapping target)
                {
                    edges.Add(new Edge(target, null));
                }
            }
            else if (Contains(InPlaceLists, entry.Name) && entry.Value is FrontmatterSequence list)
            {
                foreach (var item in list.Items)
                {
                    if (item is FrontmatterMapping target)
                    {
                        edges.Add(new Edge(target, null));
                    }
                }
            }
            else if (entry.Name == "dependentSchemas" && entry.Value is FrontmatterMapping dependents)
            {
                foreach (var dependent in dependents.Entries)
                {
                    if (dependent.Value is FrontmatterMapping target)
                    {
                        edges.Add(new Edge(target, null));
                    }
                }
            }
        }

        return edges;
    }

    private static void Report(
        string location,
        Dictionary<FrontmatterMapping, string> pointers,
        List<(FrontmatterMapping Schema, List<Edge> Edges, int Next)> path,
        Edge closing,
        HashSet<FrontmatterScalar> reported,
        List<SkillDiagnostic> diagnostics)
    {
        // The cycle is the path from the edge's target to the top, then the closing edge. It is
        // reported at its first $ref in document order (a cycle always has one: without references
        // the schema is a tree), so that each cycle is reported once and always at the same place.
        var first = path.Count - 1;
        while (first > 0 && !ReferenceEquals(path[first].Schema, closing.Target))
        {
            first--;
        }

        FrontmatterScalar? at = null;
        FrontmatterMapping? owner = null;
        var cycle = new StringBuilder();
        for (var i = first; i < path.Count; i++)
        {
            var schema = path[i].Schema;
            var edge = i + 1 < path.Count ? path[i].Edges[path[i].Next - 1] : closing;
            cycle.Append(Pointer(pointers, schema)).Append(" -> ");
            if (edge.Reference is { } reference && (at is null || Before(reference.Span, at.Span)))
            {
                at = reference;
                owner = schema;
            }
        }

        cycle.Append(Pointer(pointers, closing.Target));
        if (at is null || owner is null || !reported.Add(at))
        {
            return;
        }

        var where = location + Pointer(pointers, owner).Substring(1) + "/$ref";
        diagnostics.Add(SkillDiagnosticDescriptors.CyclicSchemaReference.Create(at.Span, where, at.Value, cycle.ToString()));
    }

    private static string Pointer(Dictionary<FrontmatterMapping, string> pointers, FrontmatterMapping schema) =>
        pointers.TryGetValue(schema, out var pointer) ? pointer : "#";

    private static bool Before(SourceSpan left, SourceSpan right) =>
        left.StartLine != right.StartLine ? left.StartLine < right.StartLine : left.StartColumn < right.StartColumn;

    private static bool Contains(string[] names, string name) => Array.IndexOf(names, name) >= 0;

    private readonly struct Edge
    {
        public Edge(FrontmatterMapping target, FrontmatterScalar? reference)
        {
            Target = target;
            Reference = reference;
        }

        public FrontmatterMapping Target { get; }

        public FrontmatterScalar? Reference { get; }
    }
}
