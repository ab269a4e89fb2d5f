using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// Maps a (validated) JSON Schema to C# types: objects with properties become records, arrays
/// <c>IReadOnlyList&lt;T&gt;</c>, string enums <c>enum</c>s, <c>additionalProperties</c> schemas
/// dictionaries, <c>$ref</c>s shared named types, a union with <c>null</c> a nullable type, tagged
/// <c>oneOf</c>/<c>anyOf</c>s record hierarchies and <c>allOf</c>s of objects one record (see
/// SchemaTypeMapper.Composition.cs). What C# cannot express exactly (<c>not</c>, several types at
/// once, tuples, …) becomes a <c>JsonElement</c> that the generated reader checks against that part
/// of the schema with the runtime's validator, with an info diagnostic: never left unchecked.
/// </summary>
internal sealed partial class SchemaTypeMapper
{
    private readonly string _prefix;
    private readonly HashSet<string> _typeNames;
    private readonly List<RecordSpec> _records = [];
    private readonly List<EnumSpec> _enums = [];
    private readonly List<(DiagnosticDescriptor Descriptor, SourceSpan Span, string[] Arguments)> _warnings = [];
    private readonly Dictionary<FrontmatterNode, TypeRef> _definitions = [];
    private readonly Dictionary<FrontmatterNode, int> _inProgress = [];
    private readonly List<UnionSpec> _unions = [];
    private readonly Dictionary<string, string> _bases = new(StringComparer.Ordinal);
    private FrontmatterNode? _root;
    private string _rootJson = "true";
    private string _schemaName = "schema";

    public SchemaTypeMapper(string prefix, HashSet<string> typeNames)
    {
        _prefix = prefix;
        _typeNames = typeNames;
    }

    /// <summary>The records, each branch of a union knowing its base.</summary>
    public List<RecordSpec> Records => _records.Select(r => _bases.TryGetValue(r.Name, out var b) ? r with { Base = b } : r).ToList();

    /// <summary>The abstract records of the unions.</summary>
    public List<UnionSpec> Unions => _unions;

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
        _rootJson = schema.ToJson();
        _schemaName = schemaName;

        // Mistakes a reader cannot fix: a schema nothing satisfies, and oneOf branches that can never be the one.
        if (SchemaSatisfiability.Explain(schema) is { } empty)
        {
            _warnings.Add((GeneratorDiagnostics.UnsatisfiableSchema, empty.Span, [schemaName, empty.Pointer, empty.Reason]));
        }

        foreach (var (pointer, span, covered, covering) in OneOfOverlap.Find(schema))
        {
            _warnings.Add((GeneratorDiagnostics.OverlappingOneOf, span, [schemaName, pointer, Index(covered), Index(covering)]));
        }

        // Where a $dynamicRef goes depends on the schemas a value went through to reach it, so only the
        // validator, walking the whole schema, knows; a part checked on its own could get another answer.
        if (_rootJson.IndexOf("\"$dynamicRef\"", StringComparison.Ordinal) >= 0 && SchemaReferences.HasDynamicReferences(schema))
        {
            var dynamic = Validated(schema, "#", "it uses '$dynamicRef', whose target depends on the path a value takes through the schema");
            _definitions[schema] = dynamic;
            return dynamic;
        }

        _inProgress[schema] = 1;
        var mapped = Map(schema, hint, "#", exactName: true);
        _inProgress.Remove(schema);
        _definitions[schema] = mapped;
        return mapped;
    }

    private static string Index(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// How deep mapping may recurse (properties, items, branches, references together) before the
    /// rest is left to the validator: deep enough for any real schema, far from the stack's end on
    /// the compiler's threads, whatever a schema's references do.
    /// </summary>
    private const int MaxMappingDepth = 128;

    private int _depth;

    private TypeRef Map(FrontmatterNode node, string hint, string pointer, bool exactName = false)
    {
        if (_depth >= MaxMappingDepth)
        {
            return Validated(node, pointer, $"its types nest more than {MaxMappingDepth} deep");
        }

        _depth++;
        try
        {
            return MapNode(node, hint, pointer, exactName);
        }
        finally
        {
            _depth--;
        }
    }

    private TypeRef MapNode(FrontmatterNode node, string hint, string pointer, bool exactName)
    {
        if (node is not FrontmatterMapping schema)
        {
            // `true` (or an empty schema) accepts anything; `false` accepts nothing, which no C# type expresses.
            if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag && !YamlScalars.IsTrue(flag.Value))
            {
                return Validated(node, pointer, "it is 'false' and accepts no value");
            }

            return TypeRef.Json;
        }

        if (schema["$ref"] is FrontmatterScalar reference)
        {
            // Since draft 2019-09 assertions next to a $ref apply too (`$ref` plus `maxItems: 2`).
            var referenced = MapReference(reference, pointer);
            var reshaping = schema.Entries.FirstOrDefault(e => e.Name != "$ref" && IsAssertion(e.Name) && !ConstraintKeywords.Contains(e.Name));
            if (reshaping is not null)
            {
                // The type comes from the reference; the rest is checked against the whole schema.
                _warnings.Add((GeneratorDiagnostics.KeywordNextToRefIgnored, reshaping.Key.Span, [_schemaName, pointer, reshaping.Name, reference.Value]));
                return referenced with { Constraints = Chain(referenced.Constraints, SchemaCheck(pointer, ifClean: true)) };
            }

            var siblings = WithAllowed(ReadConstraints(schema, out var siblingValues), siblingValues);
            if (schema["enum"] is FrontmatterSequence siblingEnum)
            {
                siblings = new ConstraintSpec(AllowedJson: new EquatableArray<string>(siblingEnum.Items.Select(v => v.ToJson()).ToImmutableArray()), And: siblings);
            }

            return siblings is null ? referenced : referenced with { Constraints = siblings with { And = Chain(siblings.And, referenced.Constraints) } };
        }

        // A closed tuple of `type: array` is typed below; without the type it might be any value.
        var isTuple = schema["prefixItems"] is not null && schema["type"] is FrontmatterScalar { Value: "array" };
        var isPatternRecord = IsPatternRecord(schema);
        foreach (var entry in schema.Entries)
        {
            if (UntypedKeywords.Contains(entry.Name) && !(isTuple && entry.Name == "prefixItems") && !(isPatternRecord && entry.Name == "patternProperties"))
            {
                return Validated(node, pointer, $"it uses '{entry.Name}'");
            }
        }

        if (schema["anyOf"] is not null || schema["oneOf"] is not null || schema["allOf"] is not null)
        {
            return MapComposition(schema, hint, pointer, exactName);
        }

        var types = ReadTypes(schema["type"]);
        if (types is null)
        {
            return Validated(node, pointer, "its 'type' is not a type name or a list of them");
        }

        var allowsNull = types.Remove("null");
        if (types.Count > 1)
        {
            return Validated(node, pointer, $"a value may be any of {string.Join(", ", types)}");
        }

        if (types.Count == 0 && allowsNull)
        {
            return Validated(node, pointer, "its only type is null");
        }

        var type = types.Count == 1 ? types[0] : Infer(schema, ref allowsNull);

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

            if (type is null)
            {
                // Values of several kinds (1, "one", true): a JsonElement that must be one of them, checked exactly.
                _warnings.Add((GeneratorDiagnostics.SchemaFallsBackToJsonElement, enumValues.Span, [_schemaName, pointer, "its values are of several JSON types"]));
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
            return Validated(schema, pointer, "its 'items' is a list (a tuple)");
        }

        if (schema["prefixItems"] is { } prefix)
        {
            return MapTuple(schema, prefix, hint, pointer, allowsNull, constraints);
        }

        var element = items is null ? TypeRef.Json : Map(items, Singular(hint), pointer + "/items");
        return new TypeRef(TypeKind.Array, Element: element, AllowsNull: allowsNull, Constraints: constraints);
    }

    /// <summary>Most positions a tuple may have: <c>ValueTuple</c> nests its eighth and later positions.</summary>
    private const int MaxTupleItems = 7;

    /// <summary>
    /// A <c>prefixItems</c> array that allows nothing after its positions (<c>items: false</c>, or a
    /// <c>maxItems</c> no larger than the positions): a <c>ValueTuple</c> with one typed position
    /// per item. Positions from <c>minItems</c> on may be missing and are nullable, so their own
    /// schemas must not allow null (a missing item and a null one would read the same).
    /// </summary>
    private TypeRef MapTuple(FrontmatterMapping schema, FrontmatterNode prefix, string hint, string pointer, bool allowsNull, ConstraintSpec? constraints)
    {
        if (prefix is not FrontmatterSequence { Items.Count: > 0 and <= MaxTupleItems } positions)
        {
            return Validated(schema, pointer, $"its 'prefixItems' is not a list of 1 to {MaxTupleItems} schemas");
        }

        var count = positions.Items.Count;
        var closed = schema["items"] is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } none && !YamlScalars.IsTrue(none.Value) ||
            Integer(schema["maxItems"]) is { } max && max <= count;
        if (!closed)
        {
            return Validated(schema, pointer, "its 'prefixItems' allow more items after them (set 'items: false' or 'maxItems' for a tuple)");
        }

        var required = (int)Math.Min(Integer(schema["minItems"]) ?? 0, count);
        var elements = ImmutableArray.CreateBuilder<TypeRef>(count);
        for (var i = 0; i < count; i++)
        {
            var element = Map(positions.Items[i], hint + "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), pointer + "/prefixItems/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (i >= required && (element.AllowsNull || element.Kind == TypeKind.Json))
            {
                return Validated(schema, pointer, $"its item {i} may be missing and may be null, which a tuple cannot tell apart");
            }

            elements.Add(i >= required ? element with { AllowsNull = true } : element);
        }

        // Nothing may follow the positions (whatever a larger maxItems says): a longer array is reported as too long.
        var bounded = Integer(schema["maxItems"]) is { } declared && declared <= count ? constraints : Chain(constraints, new ConstraintSpec(MaxItems: count));
        return new TypeRef(TypeKind.Tuple, AllowsNull: allowsNull, Constraints: bounded, Items: new EquatableArray<TypeRef>(elements.MoveToImmutable()), RequiredItems: required);
    }

    private TypeRef MapObject(FrontmatterMapping schema, string hint, string pointer, bool allowsNull, ConstraintSpec? constraints, bool exactName)
    {
        var properties = schema["properties"] as FrontmatterMapping;
        var additional = schema["additionalProperties"];
        var isClosed = additional is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } closed && !YamlScalars.IsTrue(closed.Value);
        var required = (schema["required"] as FrontmatterSequence)?.Items.OfType<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (IsPatternRecord(schema))
        {
            // The properties whose names match the pattern, typed by its schema, beside the known ones.
            var pattern = ((FrontmatterMapping)schema["patternProperties"]!).Entries[0];
            var patternName = ClaimTypeName(TypeNameFor(exactName ? hint : Text(schema["title"]) ?? hint));
            var patternEntries = (properties?.Entries ?? []).Select(e => new ObjectProperty(e.Name, e.Value, pointer + "/properties/" + FrontmatterPointer.Escape(e.Name))).ToList();

            // A known (or required) property whose name matches the pattern must satisfy both schemas: the validator checks that.
            var both = patternEntries.Count > 0 || required.Count > 0 ? Chain(constraints, SchemaCheck(pointer, ifClean: true)) : constraints;
            return BuildRecord(schema, patternName, Text(schema["description"]), patternEntries, required, pattern.Value, pointer + "/patternProperties/" + FrontmatterPointer.Escape(pattern.Name), isClosed, allowsNull, both, hint, pattern.Name);
        }

        if (properties is null && !isClosed && required.Count == 0)
        {
            var values = additional is FrontmatterMapping additionalSchema ? Map(additionalSchema, hint + "Value", pointer + "/additionalProperties") : TypeRef.Json;
            return new TypeRef(TypeKind.Map, Element: values, AllowsNull: allowsNull, Constraints: constraints);
        }

        var title = Text(schema["title"]);
        var name = ClaimTypeName(TypeNameFor(exactName ? hint : title ?? hint));
        var entries = (properties?.Entries ?? []).Select(e => new ObjectProperty(e.Name, e.Value, pointer + "/properties/" + FrontmatterPointer.Escape(e.Name))).ToList();
        return BuildRecord(schema, name, Text(schema["description"]), entries, required, additional, pointer + "/additionalProperties", isClosed, allowsNull, constraints, hint);
    }

    /// <summary>A property of an object schema, with the pointer of its own schema.</summary>
    private sealed record ObjectProperty(string Name, FrontmatterNode Schema, string Pointer);

    /// <summary>
    /// Adds the record <paramref name="name"/> for an object: its properties, the names it requires,
    /// and what it does with other properties. <paramref name="schema"/> is the node that refers to it,
    /// registered first so that a property that refers back to it (a tree of comments, say) resolves to this record.
    /// </summary>
    private TypeRef BuildRecord(
        FrontmatterMapping schema,
        string name,
        string? description,
        IReadOnlyList<ObjectProperty> entries,
        List<string> required,
        FrontmatterNode? additional,
        string additionalPointer,
        bool isClosed,
        bool allowsNull,
        ConstraintSpec? constraints,
        string hint,
        string? extraPattern = null)
    {
        var reference = new TypeRef(TypeKind.Record, name, AllowsNull: allowsNull, Constraints: constraints);
        if (_inProgress.ContainsKey(schema))
        {
            _definitions[schema] = reference;
        }

        var jsonNames = entries.Select(e => e.Name).ToList();

        // A required name with no schema of its own is still a property: any value, but present.
        var requiredOnly = required.Where(r => !jsonNames.Contains(r)).ToList();
        var hasExtra = additional is FrontmatterMapping;
        var memberNames = Identifiers.PropertyNames(name, [.. jsonNames, .. requiredOnly, .. hasExtra ? [extraPattern is null ? "additional_properties" : "pattern_properties"] : Array.Empty<string>()]);
        var specs = ImmutableArray.CreateBuilder<PropertySpec>(entries.Count + requiredOnly.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var propertyType = Map(entry.Schema, entry.Name, entry.Pointer);
            var propertyDescription = entry.Schema is FrontmatterMapping propertySchema ? Text(propertySchema["description"]) : null;
            specs.Add(new PropertySpec(entry.Name, memberNames[i], propertyType, required.Contains(entry.Name), propertyDescription));
        }

        var extra = hasExtra ? Map(additional!, hint + "Value", additionalPointer) : null;
        for (var i = 0; i < requiredOnly.Count; i++)
        {
            // A required name the pattern may cover is read as any value; the schema check beside the record checks it.
            specs.Add(new PropertySpec(requiredOnly[i], memberNames[entries.Count + i], extraPattern is null ? extra ?? TypeRef.Json : TypeRef.Json, Required: true, Description: null));
        }

        _records.Add(new RecordSpec(
            name,
            description,
            new EquatableArray<PropertySpec>(specs.MoveToImmutable()),
            isClosed,
            extra,
            hasExtra ? memberNames[memberNames.Count - 1] : null,
            ExtraPattern: hasExtra ? extraPattern : null));
        return reference;
    }

    /// <summary>
    /// The name a referenced schema's type is given: the last segment of a pointer (<c>#/$defs/Address</c>),
    /// an anchor (<c>#address</c>), or the last part of an <c>$id</c>'s path without its extension.
    /// </summary>
    private static string ReferenceHint(string reference)
    {
        var hash = reference.IndexOf('#');
        var fragment = hash < 0 ? string.Empty : reference.Substring(hash + 1);
        if (fragment.Length > 0)
        {
            // A pointer's last segment, even an empty one ('#/$defs/' names a definition called ''), or the anchor.
            var segments = fragment.Split('/');
            return FrontmatterPointer.Unescape(Uri.UnescapeDataString(segments[segments.Length - 1]));
        }

        var path = (hash < 0 ? reference : reference.Substring(0, hash)).TrimEnd('/');
        var name = path.Substring(path.LastIndexOfAny(['/', ':']) + 1);
        var dot = name.IndexOf('.');
        return (dot > 0 ? name.Substring(0, dot) : name) is { Length: > 0 } file ? file : "Root";
    }

    /// <summary>
    /// An object (<c>type: object</c>) with one <c>patternProperties</c> pattern whose schema is a
    /// schema (not <c>true</c>/<c>false</c>), and an <c>additionalProperties</c> that is absent or a
    /// boolean: a record whose properties matching the pattern are a typed dictionary. Several
    /// patterns, or a schema for the other properties too, stay a checked <c>JsonElement</c>.
    /// </summary>
    private static bool IsPatternRecord(FrontmatterMapping schema) =>
        schema["type"] is FrontmatterScalar { Value: "object" } &&
        schema["patternProperties"] is FrontmatterMapping { Entries.Count: 1 } patterns && patterns.Entries[0].Value is FrontmatterMapping &&
        schema["additionalProperties"] is null or FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean };

    private TypeRef MapReference(FrontmatterScalar reference, string pointer)
    {
        var target = _root is null ? null : SchemaReferences.Resolve(_root, reference);
        if (target is null)
        {
            return Validated(reference, pointer, $"its $ref '{reference.Value}' does not point into the schema");
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
            return Validated(reference, pointer, $"its $ref '{reference.Value}' refers to itself through arrays or maps only");
        }

        _inProgress[target] = depth + 1;
        // The target's pointer from the document's root, which is what a check of a part of it needs: a
        // reference may be an anchor, an $id or a pointer inside an embedded resource.
        var mapped = Map(target, ReferenceHint(reference.Value), SchemaReferences.PointerOf(_root!, target) ?? reference.Value);
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

    /// <summary>
    /// A part no C# type expresses exactly: a <c>JsonElement</c> that the generated reader checks
    /// against the schema at <paramref name="pointer"/>, with an info diagnostic saying why.
    /// </summary>
    private TypeRef Validated(FrontmatterNode node, string pointer, string reason)
    {
        _warnings.Add((GeneratorDiagnostics.SchemaFallsBackToJsonElement, node.Span, [_schemaName, pointer, reason]));
        return TypeRef.Json with { Constraints = SchemaCheck(pointer, ifClean: false) };
    }

    /// <summary>A check of the value against the schema at <paramref name="pointer"/> (<c>#/…</c>) of the current document.</summary>
    private ConstraintSpec SchemaCheck(string pointer, bool ifClean) =>
        new(SchemaDocument: _rootJson, SchemaPointer: pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer, SchemaCheckIfClean: ifClean);

    private static List<string>? ReadTypes(FrontmatterNode? node) => node switch
    {
        null => [],
        FrontmatterScalar scalar => [scalar.Value],
        FrontmatterSequence sequence when sequence.Items.All(i => i is FrontmatterScalar) =>
            sequence.Items.Cast<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList(),
        _ => null,
    };

    /// <summary>
    /// The type of a schema without <c>type</c>: an object or array by its keywords, otherwise the one
    /// JSON type all its <c>const</c>/<c>enum</c> values share (a <c>null</c> among them makes it
    /// nullable); null when they have several.
    /// </summary>
    private static string? Infer(FrontmatterMapping schema, ref bool allowsNull)
    {
        if (schema["properties"] is not null || schema["additionalProperties"] is not null || schema["required"] is not null)
        {
            return "object";
        }

        if (schema["items"] is not null)
        {
            return "array";
        }

        var values = schema["const"] is { } constant ? [constant] : (schema["enum"] as FrontmatterSequence)?.Items.ToList() ?? [];
        string? shared = null;
        var nulls = false;
        foreach (var value in values)
        {
            var kind = value switch
            {
                FrontmatterScalar { IsNull: true } => "null",
                FrontmatterScalar { Kind: FrontmatterScalarKind.String } => "string",
                FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } => "integer",
                FrontmatterScalar { Kind: FrontmatterScalarKind.Float } => "number",
                FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } => "boolean",
                _ => "other",
            };
            if (kind == "null")
            {
                nulls = true;
                continue;
            }

            shared = shared is null || shared == kind ? kind
                : shared is "integer" or "number" && kind is "integer" or "number" ? "number"
                : "other";
        }

        if (shared is null or "other")
        {
            return null;
        }

        // Only a const or enum that allows null makes the type nullable; it is checked as the values are.
        allowsNull |= nulls;
        return shared;
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

    /// <summary>Keywords whose meaning no generated C# type carries; a schema using one is checked by the runtime's validator.</summary>
    private static readonly HashSet<string> UntypedKeywords = new(StringComparer.Ordinal)
    {
        "not", "if", "then", "else", "patternProperties", "propertyNames", "dependentRequired", "dependentSchemas", "dependencies",
        "prefixItems", "contains", "minContains", "maxContains", "additionalItems", "unevaluatedItems", "unevaluatedProperties",
        "$dynamicRef", "$recursiveRef",
    };

    /// <summary>Assertions that <see cref="ReadConstraints"/> reads, which apply next to a <c>$ref</c> without a second type.</summary>
    private static readonly HashSet<string> ConstraintKeywords = new(StringComparer.Ordinal)
    {
        "enum", "const", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    };

    /// <summary>Keywords that assert nothing about a value: annotations, and <c>$defs</c>, whose schemas apply only through <c>$ref</c>.</summary>
    private static readonly HashSet<string> AnnotationKeywords = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$anchor", "$dynamicAnchor", "$vocabulary", "$defs", "definitions",
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "format",
        "contentEncoding", "contentMediaType", "contentSchema",
    };

    /// <summary>Whether a keyword constrains values; unknown keywords are annotations, as JSON Schema says.</summary>
    internal static bool IsAssertion(string keyword) => SchemaKeywords.Supported.Contains(keyword) && !AnnotationKeywords.Contains(keyword) || SchemaKeywords.Unsupported.Contains(keyword);

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
