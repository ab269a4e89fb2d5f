using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// Maps a (validated) JSON Schema to C# types: objects with properties become records, arrays
/// <c>IReadOnlyList&lt;T&gt;</c>, string enums <c>enum</c>s, <c>additionalProperties</c> schemas
/// dictionaries, and <c>$ref</c>s shared named types. What C# cannot express faithfully
/// (<c>anyOf</c>, several types at once, tuples) falls back to <c>JsonElement</c> with a warning,
/// so the build never fails on a schema the validator accepted.
/// </summary>
internal sealed class SchemaTypeMapper
{
    private readonly string _prefix;
    private readonly HashSet<string> _typeNames;
    private readonly List<RecordSpec> _records = [];
    private readonly List<EnumSpec> _enums = [];
    private readonly List<(DiagnosticDescriptor Descriptor, SourceSpan Span, string[] Arguments)> _warnings = [];
    private readonly Dictionary<FrontmatterNode, TypeRef> _definitions = [];
    private readonly Dictionary<FrontmatterNode, int> _inProgress = [];
    private FrontmatterNode? _root;
    private string _schemaName = "schema";

    public SchemaTypeMapper(string prefix, HashSet<string> typeNames)
    {
        _prefix = prefix;
        _typeNames = typeNames;
    }

    public List<RecordSpec> Records => _records;

    public List<EnumSpec> Enums => _enums;

    /// <summary>What the mapper could not express or apply, with the diagnostic ID, where and why.</summary>
    public List<(DiagnosticDescriptor Descriptor, SourceSpan Span, string[] Arguments)> Warnings => _warnings;

    /// <summary>
    /// Maps one schema document. Its type is named after <paramref name="hint"/> (<c>Output</c> gives
    /// <c>PrReviewOutput</c>) whatever its <c>title</c>; <paramref name="schemaName"/> names it in warnings.
    /// </summary>
    public TypeRef MapRoot(FrontmatterNode schema, string hint, string schemaName)
    {
        _root = schema;
        _schemaName = schemaName;
        _inProgress[schema] = 1;
        var mapped = Map(schema, hint, "#", exactName: true);
        _inProgress.Remove(schema);
        _definitions[schema] = mapped;
        return mapped;
    }

    /// <summary>Claims a type name for this skill: <paramref name="name"/>, or <c>name2</c>, <c>name3</c>, … when it is taken.</summary>
    public string ClaimTypeName(string name)
    {
        if (_typeNames.Add(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_typeNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The type name for a value named <paramref name="hint"/>: the skill's prefix plus the hint in PascalCase.</summary>
    public string TypeNameFor(string hint) => _prefix + Identifiers.ToPascalCase(hint);

    /// <summary>Adds an enum of string values; <paramref name="typeName"/> is claimed, with a number appended if taken.</summary>
    public TypeRef AddEnum(string typeName, string? description, IEnumerable<string> wireNames, bool allowsNull)
    {
        var name = ClaimTypeName(typeName);
        var taken = new HashSet<string>(StringComparer.Ordinal) { "value__" };
        var members = ImmutableArray.CreateBuilder<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wireName in wireNames)
        {
            if (seen.Add(wireName))
            {
                // A value with no letters or digits ("", "  ") has no name to derive; call it Empty.
                var memberName = Identifiers.ToPascalCase(wireName);
                members.Add(new EnumMemberSpec(Identifiers.Claim(taken, memberName == "_" ? "Empty" : memberName, tryValueSuffix: false), wireName));
            }
        }

        _enums.Add(new EnumSpec(name, description, new EquatableArray<EnumMemberSpec>(members.ToImmutable())));
        return new TypeRef(TypeKind.Enum, name, AllowsNull: allowsNull);
    }

    private TypeRef Map(FrontmatterNode node, string hint, string pointer, bool exactName = false)
    {
        if (node is not FrontmatterMapping schema)
        {
            // `true` (or an empty schema) accepts anything; `false` accepts nothing, which no C# type expresses.
            if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag && !YamlScalars.IsTrue(flag.Value))
            {
                return Fallback(node, pointer, "it is 'false' and accepts no value");
            }

            return TypeRef.Json;
        }

        if (schema["$ref"] is FrontmatterScalar reference)
        {
            // Since draft 2019-09 assertions next to a $ref apply too (`$ref` plus `maxItems: 2`).
            var referenced = MapReference(reference, pointer);
            foreach (var entry in schema.Entries)
            {
                if (StructuralKeywords.Contains(entry.Name))
                {
                    _warnings.Add((GeneratorDiagnostics.KeywordNextToRefIgnored, entry.Key.Span, [_schemaName, pointer, entry.Name, reference.Value]));
                }
            }

            var siblings = WithAllowed(ReadConstraints(schema, out var siblingValues), siblingValues);
            if (schema["enum"] is FrontmatterSequence siblingEnum)
            {
                siblings = new ConstraintSpec(AllowedJson: new EquatableArray<string>(siblingEnum.Items.Select(v => v.ToJson()).ToImmutableArray()), And: siblings);
            }

            return siblings is null ? referenced : referenced with { Constraints = siblings with { And = Chain(siblings.And, referenced.Constraints) } };
        }

        foreach (var entry in schema.Entries)
        {
            if (SchemaKeywords.Unsupported.Contains(entry.Name))
            {
                return Fallback(node, pointer, $"it uses '{entry.Name}'");
            }
        }

        var types = ReadTypes(schema["type"]);
        if (types is null)
        {
            return Fallback(node, pointer, "its 'type' is not a type name or a list of them");
        }

        var allowsNull = types.Remove("null");
        if (types.Count > 1)
        {
            return Fallback(node, pointer, $"a value may be any of {string.Join(", ", types)}");
        }

        var type = types.Count == 1 ? types[0] : Infer(schema);
        if (types.Count == 0 && allowsNull)
        {
            return Fallback(node, pointer, "its only type is null");
        }

        var constraints = WithAllowed(ReadConstraints(schema, out var constant), constant);
        var description = Text(schema["description"]);
        if (schema["enum"] is FrontmatterSequence enumValues)
        {
            var strings = enumValues.Items.OfType<FrontmatterScalar>().Where(s => s.Kind == FrontmatterScalarKind.String).Select(s => s.Value).ToList();
            var nulls = enumValues.Items.Count(v => v is FrontmatterScalar { IsNull: true });
            if (type is null or "string" && strings.Count > 0 && strings.Count + nulls == enumValues.Items.Count)
            {
                // The enum type checks membership; length, pattern and const still apply.
                return AddEnum(TypeNameFor(hint), description, strings, (allowsNull || types.Count == 0) && nulls > 0) with { Constraints = constraints };
            }

            // Chained, not merged: a `const` next to the `enum` must hold too.
            constraints = new ConstraintSpec(AllowedJson: new EquatableArray<string>(enumValues.Items.Select(v => v.ToJson()).ToImmutableArray()), And: constraints);
        }

        switch (type)
        {
            case "string":
                return new TypeRef(TypeKind.String, AllowsNull: allowsNull, Constraints: constraints);
            case "integer":
                return new TypeRef(TypeKind.Integer, AllowsNull: allowsNull, Constraints: constraints);
            case "number":
                return new TypeRef(TypeKind.Number, AllowsNull: allowsNull, Constraints: constraints);
            case "boolean":
                return new TypeRef(TypeKind.Boolean, AllowsNull: allowsNull, Constraints: constraints);
            case "array":
                return MapArray(schema, hint, pointer, allowsNull, constraints);
            case "object":
                return MapObject(schema, hint, pointer, allowsNull, constraints, exactName);
            default:
                // No type: any JSON value, still checked against enum/const when given.
                return TypeRef.Json with { Constraints = constraints };
        }
    }

    private TypeRef MapArray(FrontmatterMapping schema, string hint, string pointer, bool allowsNull, ConstraintSpec? constraints)
    {
        var items = schema["items"];
        if (items is FrontmatterSequence)
        {
            return Fallback(schema, pointer, "its 'items' is a list (a tuple)");
        }

        var element = items is null ? TypeRef.Json : Map(items, Singular(hint), pointer + "/items");
        return new TypeRef(TypeKind.Array, Element: element, AllowsNull: allowsNull, Constraints: constraints);
    }

    private TypeRef MapObject(FrontmatterMapping schema, string hint, string pointer, bool allowsNull, ConstraintSpec? constraints, bool exactName)
    {
        var properties = schema["properties"] as FrontmatterMapping;
        var additional = schema["additionalProperties"];
        var isClosed = additional is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } closed && !YamlScalars.IsTrue(closed.Value);
        var required = (schema["required"] as FrontmatterSequence)?.Items.OfType<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (properties is null && !isClosed && required.Count == 0)
        {
            var values = additional is FrontmatterMapping additionalSchema ? Map(additionalSchema, hint + "Value", pointer + "/additionalProperties") : TypeRef.Json;
            return new TypeRef(TypeKind.Map, Element: values, AllowsNull: allowsNull, Constraints: constraints);
        }

        var title = Text(schema["title"]);
        var name = ClaimTypeName(TypeNameFor(exactName ? hint : title ?? hint));
        var reference = new TypeRef(TypeKind.Record, name, AllowsNull: allowsNull, Constraints: constraints);

        // Registered before the properties are mapped, so a property that refers back to this
        // schema (a tree of comments, say) resolves to this record instead of recursing forever.
        if (_inProgress.ContainsKey(schema))
        {
            _definitions[schema] = reference;
        }

        var entries = properties?.Entries ?? [];
        var jsonNames = entries.Select(e => e.Name).ToList();

        // A required name with no schema of its own is still a property: any value, but present.
        var requiredOnly = required.Where(r => !jsonNames.Contains(r)).ToList();
        var hasExtra = additional is FrontmatterMapping;
        var memberNames = Identifiers.PropertyNames(name, [.. jsonNames, .. requiredOnly, .. hasExtra ? ["additional_properties"] : Array.Empty<string>()]);
        var specs = ImmutableArray.CreateBuilder<PropertySpec>(entries.Count + requiredOnly.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var propertyType = Map(entry.Value, entry.Name, pointer + "/properties/" + FrontmatterPointer.Escape(entry.Name));
            var propertyDescription = entry.Value is FrontmatterMapping propertySchema ? Text(propertySchema["description"]) : null;
            specs.Add(new PropertySpec(entry.Name, memberNames[i], propertyType, required.Contains(entry.Name), propertyDescription));
        }

        var extra = hasExtra ? Map(additional!, hint + "Value", pointer + "/additionalProperties") : null;
        for (var i = 0; i < requiredOnly.Count; i++)
        {
            specs.Add(new PropertySpec(requiredOnly[i], memberNames[entries.Count + i], extra ?? TypeRef.Json, Required: true, Description: null));
        }

        _records.Add(new RecordSpec(
            name,
            Text(schema["description"]),
            new EquatableArray<PropertySpec>(specs.MoveToImmutable()),
            isClosed,
            extra,
            hasExtra ? memberNames[memberNames.Count - 1] : null));
        return reference;
    }

    private TypeRef MapReference(FrontmatterScalar reference, string pointer)
    {
        var target = _root is null ? null : FrontmatterPointer.Resolve(_root, reference.Value);
        if (target is null)
        {
            return Fallback(reference, pointer, $"its $ref '{reference.Value}' does not point into the schema");
        }

        if (_definitions.TryGetValue(target, out var known))
        {
            return known;
        }

        // A definition met again while it is being mapped is mapped once more: a cycle through an
        // object ends there, as the object is registered by then. Met a third time, the cycle runs
        // through arrays and maps only, which no C# type can express.
        _inProgress.TryGetValue(target, out var depth);
        if (depth >= 2)
        {
            return Fallback(reference, pointer, $"its $ref '{reference.Value}' refers to itself through arrays or maps only");
        }

        _inProgress[target] = depth + 1;
        var segments = reference.Value.Split('/');
        var hint = segments.Length > 1 ? FrontmatterPointer.Unescape(segments[segments.Length - 1]) : "Root";
        var mapped = Map(target, hint, reference.Value);
        if (depth == 0)
        {
            _inProgress.Remove(target);
            _definitions[target] = mapped;
        }
        else
        {
            _inProgress[target] = depth;
        }

        return mapped;
    }

    private TypeRef Fallback(FrontmatterNode node, string pointer, string reason)
    {
        _warnings.Add((GeneratorDiagnostics.SchemaFallsBackToJsonElement, node.Span, [_schemaName, pointer, reason]));
        return TypeRef.Json;
    }

    private static List<string>? ReadTypes(FrontmatterNode? node) => node switch
    {
        null => [],
        FrontmatterScalar scalar => [scalar.Value],
        FrontmatterSequence sequence when sequence.Items.All(i => i is FrontmatterScalar) =>
            sequence.Items.Cast<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList(),
        _ => null,
    };

    private static string? Infer(FrontmatterMapping schema)
    {
        if (schema["properties"] is not null || schema["additionalProperties"] is not null || schema["required"] is not null)
        {
            return "object";
        }

        if (schema["items"] is not null)
        {
            return "array";
        }

        // `const: nested` alone is a string.
        return schema["const"] is FrontmatterScalar { Kind: FrontmatterScalarKind.String } ? "string" : null;
    }

    private static ConstraintSpec? ReadConstraints(FrontmatterMapping schema, out ImmutableArray<string> allowed)
    {
        allowed = schema["const"] is { } constant ? ImmutableArray.Create(constant.ToJson()) : ImmutableArray<string>.Empty;
        var spec = new ConstraintSpec(
            MinLength: Integer(schema["minLength"]),
            MaxLength: Integer(schema["maxLength"]),
            Pattern: Text(schema["pattern"]),
            Minimum: Number(schema["minimum"]),
            Maximum: Number(schema["maximum"]),
            ExclusiveMinimum: Number(schema["exclusiveMinimum"]),
            ExclusiveMaximum: Number(schema["exclusiveMaximum"]),
            MultipleOf: Number(schema["multipleOf"]),
            MinItems: Integer(schema["minItems"]),
            MaxItems: Integer(schema["maxItems"]),
            UniqueItems: schema["uniqueItems"] is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } unique && YamlScalars.IsTrue(unique.Value),
            MinProperties: Integer(schema["minProperties"]),
            MaxProperties: Integer(schema["maxProperties"]));
        return spec == new ConstraintSpec() ? null : spec;
    }

    /// <summary>Keywords that shape the type; next to a <c>$ref</c> they would need a second type, so they are reported.</summary>
    private static readonly HashSet<string> StructuralKeywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items",
    };

    private static ConstraintSpec? Chain(ConstraintSpec? first, ConstraintSpec? second) =>
        first is null ? second : first with { And = Chain(first.And, second) };

    private static ConstraintSpec? WithAllowed(ConstraintSpec? constraints, ImmutableArray<string> allowed) =>
        allowed.IsEmpty ? constraints : (constraints ?? new ConstraintSpec()) with { AllowedJson = new EquatableArray<string>(allowed) };

    private static long? Integer(FrontmatterNode? node) =>
        node is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out var value) && value >= 0 && value <= long.MaxValue ? (long)Math.Ceiling(value) : null;

    private static double? Number(FrontmatterNode? node) =>
        node is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out var value) ? value : null;

    private static string? Text(FrontmatterNode? node) => node is FrontmatterScalar { Kind: not FrontmatterScalarKind.Null } scalar ? scalar.Value : null;

    /// <summary>
    /// The name for one item of a list: <c>findings</c> → <c>Finding</c>, <c>categories</c> →
    /// <c>Category</c>, <c>matches</c> → <c>Match</c>, <c>statuses</c> → <c>Status</c>; a name that
    /// does not look plural gets <c>Item</c> (<c>data</c> → <c>DataItem</c>, <c>series</c> → <c>SeriesItem</c>).
    /// </summary>
    internal static string Singular(string name)
    {
        var pascal = Identifiers.ToPascalCase(name);
        string Strip(int count) => pascal.Substring(0, pascal.Length - count);

        if (pascal.Length <= 3 || pascal.EndsWith("ss", StringComparison.Ordinal) || pascal.EndsWith("us", StringComparison.Ordinal) ||
            pascal.EndsWith("is", StringComparison.Ordinal) || pascal.EndsWith("series", StringComparison.OrdinalIgnoreCase) ||
            pascal.EndsWith("species", StringComparison.OrdinalIgnoreCase) || !pascal.EndsWith("s", StringComparison.Ordinal))
        {
            return pascal + "Item";
        }

        if (pascal.EndsWith("ies", StringComparison.Ordinal))
        {
            // movies, cookies, zombies keep their "ie"; categories, entries, replies end in "y".
            var ie = new[] { "movies", "cookies", "zombies", "pies", "ties", "lies", "calories" };
            return ie.Any(w => pascal.EndsWith(w, StringComparison.OrdinalIgnoreCase)) ? Strip(1) : Strip(3) + "y";
        }

        if (pascal.EndsWith("sses", StringComparison.Ordinal) || pascal.EndsWith("xes", StringComparison.Ordinal) ||
            pascal.EndsWith("ches", StringComparison.Ordinal) || pascal.EndsWith("shes", StringComparison.Ordinal) ||
            pascal.EndsWith("uses", StringComparison.Ordinal) && !pascal.EndsWith("causes", StringComparison.OrdinalIgnoreCase) && !pascal.EndsWith("Uses", StringComparison.Ordinal))
        {
            return Strip(2);
        }

        return Strip(1);
    }

}
