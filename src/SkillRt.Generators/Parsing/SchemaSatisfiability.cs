using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>
/// Finds a schema that no value satisfies: <c>allOf</c> parts of types that do not meet, an
/// <c>enum</c> with no value of the <c>type</c>, a <c>minimum</c> above the <c>maximum</c>, a
/// required property that accepts nothing, or recursion with no base case (a node that requires a
/// child node). Such an output reader would reject every answer, so it is reported when the skill is
/// built, at the line that causes it.
/// </summary>
/// <remarks>
/// Each schema is abstracted to the set of JSON types some value of it can have. The abstraction
/// over-approximates (a schema it calls satisfiable may still accept nothing, through <c>not</c> or
/// <c>pattern</c>, say), so an empty set is certain. Recursive <c>$ref</c>s are solved as a least
/// fixed point: a value is finite, so a definition that is only satisfiable by a deeper copy of
/// itself is empty. The work is linear in the schema's size per round, and rounds are capped; a
/// schema that does not settle within the cap is not reported.
/// </remarks>
internal sealed class SchemaSatisfiability
{
    private const int Null = 1, Boolean = 2, Integer = 4, Fraction = 8, Text = 16, Array = 32, Object = 64, Any = 127;
    private const int Numbers = Integer | Fraction;
    private const int MaxRounds = 64;
    private const int MaxDepth = 256;

    private readonly FrontmatterNode _root;
    private Dictionary<FrontmatterNode, int> _previous = new(ReferenceComparer.Instance);
    private Dictionary<FrontmatterNode, int> _current = new(ReferenceComparer.Instance);
    private readonly HashSet<FrontmatterNode> _inProgress = new(ReferenceComparer.Instance);
    private readonly Dictionary<FrontmatterNode, string> _pointers = new(ReferenceComparer.Instance);

    private SchemaSatisfiability(FrontmatterNode root) => _root = root;

    /// <summary>Why <paramref name="root"/> accepts no value: where (a JSON Pointer and a span) and a sentence; null when some value may be valid.</summary>
    public static (string Pointer, SourceSpan Span, string Reason)? Explain(FrontmatterNode root)
    {
        // Only draft 2020-12's (and 2019-09's) meaning is modelled: before it, keywords beside a
        // $ref did not apply. And a $ref inside an embedded resource ($id) resolves against that
        // resource, which a pointer from the document's root would miss: no verdict then.
        if (!IsPlainDocument(root))
        {
            return null;
        }

        var analysis = new SchemaSatisfiability(root);
        return analysis.Solve() && analysis._current[root] == 0 ? analysis.Why(root) : null;
    }

    /// <summary>
    /// Whether the schema is read as draft 2020-12 with every <c>$ref</c> a pointer from the
    /// document's root: no older <c>$schema</c> (before 2019-09 keywords beside a <c>$ref</c> did
    /// not apply) and no embedded resource (<c>$id</c> below the root), against which a
    /// <c>$ref</c> inside it would resolve.
    /// </summary>
    internal static bool IsPlainDocument(FrontmatterNode root) =>
        root is not FrontmatterMapping top ||
        !(top["$schema"] is FrontmatterScalar { Value: var dialect } && dialect.IndexOf("draft-0", StringComparison.Ordinal) >= 0) &&
        !top.Entries.Any(e => e.Name != "$id" && e.Value.ToJson().IndexOf("\"$id\"", StringComparison.Ordinal) >= 0);

    /// <summary>Iterates to the least fixed point; false when it does not settle within <see cref="MaxRounds"/>.</summary>
    private bool Solve()
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            _current = new Dictionary<FrontmatterNode, int>(ReferenceComparer.Instance);
            _pointers[_root] = "#";
            Evaluate(_root);
            if (_current.Count == _previous.Count && _current.All(p => _previous.TryGetValue(p.Key, out var before) && before == p.Value))
            {
                return true;
            }

            _previous = _current;
        }

        return false;
    }

    private int Evaluate(FrontmatterNode node)
    {
        if (_current.TryGetValue(node, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(node))
        {
            // Met again on its own path: this round uses the last round's answer (nothing, at first).
            return _previous.TryGetValue(node, out var before) ? before : 0;
        }

        if (_inProgress.Count > MaxDepth)
        {
            // A chain of references this long is not followed: "anything" keeps the answer an over-approximation.
            _inProgress.Remove(node);
            return Any;
        }

        var mask = Any;
        foreach (var step in Steps(node))
        {
            mask &= step.Allowed;
        }

        _inProgress.Remove(node);
        _current[node] = mask;
        return mask;
    }

    /// <summary>
    /// One keyword's say on the types a schema's values may have: what it allows, where it is, what
    /// it says in words, and the subschema it depends on when one that accepts nothing empties it.
    /// </summary>
    private readonly record struct Step(int Allowed, SourceSpan Span, string Says, FrontmatterNode? Child = null, string? ChildPointer = null);

    private IEnumerable<Step> Steps(FrontmatterNode node)
    {
        if (node is not FrontmatterMapping schema)
        {
            var isFalse = node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag && !YamlScalars.IsTrue(flag.Value);
            yield return new Step(isFalse ? 0 : Any, node.Span, "it is 'false'");
            yield break;
        }

        var pointer = _pointers.TryGetValue(node, out var known) ? known : "#";
        if (schema.Find("type") is { } type && TypeMask(type.Value) is { } types)
        {
            yield return new Step(types, type.Value.Span, $"'type' allows {Describe(types)}");
        }

        if (schema.Find("const") is { } constant)
        {
            yield return new Step(KindOf(constant.Value), constant.Value.Span, $"'const' is {Describe(KindOf(constant.Value))}");
        }

        if (schema.Find("enum") is { Value: FrontmatterSequence values } enumEntry)
        {
            var kinds = values.Items.Aggregate(0, (m, v) => m | KindOf(v));
            yield return new Step(kinds, enumEntry.Value.Span, values.Items.Count == 0 ? "'enum' lists no value" : $"the 'enum' values are {Describe(kinds)}");
        }

        foreach (var step in BoundSteps(schema))
        {
            yield return step;
        }

        foreach (var step in ObjectSteps(schema, pointer))
        {
            yield return step;
        }

        foreach (var step in ArraySteps(schema, pointer))
        {
            yield return step;
        }

        if (schema.Find("$ref") is { Value: FrontmatterScalar reference } refEntry && SchemaReferences.Resolve(_root, reference) is { } target)
        {
            yield return Child(target, SchemaReferences.PointerOf(_root, target) ?? reference.Value, refEntry.Value.Span, $"'$ref' to '{reference.Value}'");
        }

        if (schema["allOf"] is FrontmatterSequence allOf)
        {
            for (var i = 0; i < allOf.Items.Count; i++)
            {
                yield return Child(allOf.Items[i], $"{pointer}/allOf/{i}", allOf.Items[i].Span, $"'allOf/{i}'");
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.Find(keyword) is { Value: FrontmatterSequence branches } entry)
            {
                var union = 0;
                for (var i = 0; i < branches.Items.Count; i++)
                {
                    union |= Visit(branches.Items[i], $"{pointer}/{keyword}/{i}");
                }

                yield return new Step(union, entry.Value.Span, union == 0 ? $"no branch of its '{keyword}' accepts a value" : $"its '{keyword}' branches allow {Describe(union)}");
            }
        }

        if (schema.Find("not") is { } not && (not.Value is FrontmatterMapping { Entries.Count: 0 } || not.Value is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } yes && YamlScalars.IsTrue(yes.Value)))
        {
            yield return new Step(0, not.Value.Span, "'not' rejects every value");
        }

        if (schema["if"] is not null && (schema["then"] is not null || schema["else"] is not null))
        {
            var then = schema["then"] is { } thenSchema ? Visit(thenSchema, pointer + "/then") : Any;
            var @else = schema["else"] is { } elseSchema ? Visit(elseSchema, pointer + "/else") : Any;
            yield return new Step(then | @else, schema.Find("if")!.Key.Span, "neither 'then' nor 'else' accepts a value");
        }
    }

    private Step Child(FrontmatterNode child, string pointer, SourceSpan span, string what)
    {
        var allowed = Visit(child, pointer);
        return new Step(allowed, span, allowed == 0 ? $"{what} accepts no value" : $"{what} allows only {Describe(allowed)}", child, pointer);
    }

    private int Visit(FrontmatterNode child, string pointer)
    {
        if (!_pointers.ContainsKey(child))
        {
            _pointers[child] = pointer;
        }

        return Evaluate(child);
    }

    private static IEnumerable<Step> BoundSteps(FrontmatterMapping schema)
    {
        double? minimum = Number(schema["minimum"]), maximum = Number(schema["maximum"]);
        double? exclusiveMinimum = Number(schema["exclusiveMinimum"]), exclusiveMaximum = Number(schema["exclusiveMaximum"]);
        var low = Max(minimum, exclusiveMinimum);
        var high = Min(maximum, exclusiveMaximum);
        if (low is { } lo && high is { } hi)
        {
            var strict = exclusiveMinimum == lo || exclusiveMaximum == hi;
            if (lo > hi || (lo == hi && strict))
            {
                yield return new Step(Any & ~Numbers, (schema.Find("minimum") ?? schema.Find("exclusiveMinimum"))!.Value.Span, $"its lower bound {Format(lo)} is not below its upper bound {Format(hi)}, so no number fits");
            }
        }

        if (Count(schema["minLength"]) is { } minLength && Count(schema["maxLength"]) is { } maxLength && minLength > maxLength)
        {
            yield return new Step(Any & ~Text, schema.Find("minLength")!.Value.Span, $"'minLength' {minLength} is above 'maxLength' {maxLength}, so no string fits");
        }

        if (Count(schema["minItems"]) is { } minItems && Count(schema["maxItems"]) is { } maxItems && minItems > maxItems)
        {
            yield return new Step(Any & ~Array, schema.Find("minItems")!.Value.Span, $"'minItems' {minItems} is above 'maxItems' {maxItems}, so no array fits");
        }

        var required = RequiredNames(schema).Count;
        if (Count(schema["maxProperties"]) is { } maxProperties && (Count(schema["minProperties"]) is { } minProperties && minProperties > maxProperties || required > maxProperties))
        {
            yield return new Step(Any & ~Object, schema.Find("maxProperties")!.Value.Span, $"'maxProperties' {maxProperties} is below the number of properties it needs, so no object fits");
        }
    }

    private IEnumerable<Step> ObjectSteps(FrontmatterMapping schema, string pointer)
    {
        var properties = schema["properties"] as FrontmatterMapping;
        var hasPatterns = schema["patternProperties"] is not null;
        foreach (var name in RequiredNames(schema))
        {
            // A required name is checked by its own schema, or, with no patterns to consider, by additionalProperties.
            var (child, childPointer) = properties?[name] is { } own
                ? (own, pointer + "/properties/" + FrontmatterPointer.Escape(name))
                : !hasPatterns && schema["additionalProperties"] is { } additional ? (additional, pointer + "/additionalProperties") : default;
            if (child is not null)
            {
                var allowed = Visit(child, childPointer!);
                if (allowed == 0)
                {
                    yield return new Step(Any & ~Object, RequiredSpan(schema, name), $"the required property '{name}' accepts no value", child, childPointer);
                }
            }
        }
    }

    private IEnumerable<Step> ArraySteps(FrontmatterMapping schema, string pointer)
    {
        var minItems = Count(schema["minItems"]) ?? 0;
        var prefix = (schema["prefixItems"] as FrontmatterSequence)?.Items ?? [];
        for (var i = 0; i < Math.Min(minItems, prefix.Count); i++)
        {
            var childPointer = $"{pointer}/prefixItems/{i}";
            if (Visit(prefix[i], childPointer) == 0)
            {
                yield return new Step(Any & ~Array, prefix[i].Span, $"item {i} is required ('minItems' {minItems}) but its 'prefixItems' schema accepts no value", prefix[i], childPointer);
            }
        }

        if (minItems > prefix.Count && schema["items"] is { } items and not FrontmatterSequence && Visit(items, pointer + "/items") == 0)
        {
            yield return new Step(Any & ~Array, items.Span, $"'minItems' is {minItems} but 'items' accepts no value", items, pointer + "/items");
        }

        var minContains = Count(schema["minContains"]) ?? 1;
        if (minContains > 0 && schema["contains"] is { } contains && Visit(contains, pointer + "/contains") == 0)
        {
            yield return new Step(Any & ~Array, contains.Span, "'contains' accepts no value, so no array has the item it asks for", contains, pointer + "/contains");
        }
    }

    /// <summary>Follows the first step that emptied the schema down to the keyword that did it, or round a loop with no base case.</summary>
    private (string Pointer, SourceSpan Span, string Reason) Why(FrontmatterNode root)
    {
        var node = root;
        var path = new List<(FrontmatterNode Node, string Pointer)>();
        var pointer = "#";
        while (true)
        {
            path.Add((node, pointer));
            var steps = Steps(node).ToList();
            // A `false` child says nothing more than the keyword that holds it: the explanation stays here.
            var emptyChild = steps.FirstOrDefault(s => s.Child is FrontmatterMapping && _current.TryGetValue(s.Child, out var m) && m == 0);
            if (emptyChild.Child is null || steps.Aggregate(Any, (m, s) => s.Child is not FrontmatterMapping ? m & s.Allowed : m) == 0)
            {
                // The schema's own keywords (or several parts together) leave nothing.
                var reasons = steps.Where(s => s.Allowed != Any).Select(s => s.Says).Distinct(StringComparer.Ordinal).ToList();
                var first = steps.FirstOrDefault(s => s.Allowed != Any);
                return (pointer, first == default ? node.Span : first.Span, string.Join("; ", reasons));
            }

            var loop = path.FindIndex(p => ReferenceEquals(p.Node, emptyChild.Child));
            if (loop >= 0)
            {
                var cycle = string.Join(" → ", path.Skip(loop).Select(p => p.Pointer).Append(path[loop].Pointer));
                return (path[loop].Pointer, emptyChild.Span, $"every value needs another such value inside it ({cycle}), and no value is infinite; give the recursion a way to end, such as an optional property or an array that may be empty");
            }

            node = emptyChild.Child;
            pointer = emptyChild.ChildPointer ?? pointer;
        }
    }

    private static SourceSpan RequiredSpan(FrontmatterMapping schema, string name) =>
        (schema["required"] as FrontmatterSequence)?.Items.OfType<FrontmatterScalar>().FirstOrDefault(s => s.Value == name)?.Span ?? schema.Span;

    private static int? TypeMask(FrontmatterNode node)
    {
        var names = node switch
        {
            FrontmatterScalar scalar => [scalar.Value],
            FrontmatterSequence sequence => sequence.Items.OfType<FrontmatterScalar>().Select(s => s.Value).ToList(),
            _ => null as List<string>,
        };
        if (names is null)
        {
            return null;
        }

        var mask = 0;
        foreach (var name in names)
        {
            mask |= name switch
            {
                "null" => Null,
                "boolean" => Boolean,
                "integer" => Integer,
                "number" => Numbers,
                "string" => Text,
                "array" => Array,
                "object" => Object,
                _ => Any,
            };
        }

        return mask;
    }

    /// <summary>The JSON type of a value; a number with no fraction (<c>1.0</c>) is an integer, as JSON Schema says.</summary>
    private static int KindOf(FrontmatterNode value) => value switch
    {
        FrontmatterMapping => Object,
        FrontmatterSequence => Array,
        FrontmatterScalar { IsNull: true } => Null,
        FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } => Boolean,
        FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } => Integer,
        FrontmatterScalar { Kind: FrontmatterScalarKind.Float } number =>
            YamlScalars.TryGetDouble(number, out var d) && Math.Floor(d) == d && !double.IsInfinity(d) ? Integer : Fraction,
        FrontmatterScalar => Text,
        _ => Any,
    };

    private static string Describe(int mask)
    {
        if (mask == 0)
        {
            return "no value";
        }

        var names = new List<string>();
        if ((mask & Null) != 0) names.Add("null");
        if ((mask & Boolean) != 0) names.Add("a boolean");
        if ((mask & Numbers) == Numbers) names.Add("a number");
        else if ((mask & Integer) != 0) names.Add("an integer");
        else if ((mask & Fraction) != 0) names.Add("a number with a fraction");
        if ((mask & Text) != 0) names.Add("a string");
        if ((mask & Array) != 0) names.Add("an array");
        if ((mask & Object) != 0) names.Add("an object");
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
    }

    private static List<string> RequiredNames(FrontmatterMapping schema) =>
        (schema["required"] as FrontmatterSequence)?.Items.OfType<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static double? Number(FrontmatterNode? node) =>
        node is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out var value) ? value : null;

    private static long? Count(FrontmatterNode? node) =>
        node is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out var value) && value >= 0 && value <= long.MaxValue ? (long)Math.Ceiling(value) : null;

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Schema nodes are compared by identity: two equal-looking schemas at different places are different nodes.</summary>
    private sealed class ReferenceComparer : IEqualityComparer<FrontmatterNode>
    {
        public static ReferenceComparer Instance { get; } = new();

        public bool Equals(FrontmatterNode? x, FrontmatterNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(FrontmatterNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
