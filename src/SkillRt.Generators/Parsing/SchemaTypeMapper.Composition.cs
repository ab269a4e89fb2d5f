using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>
/// <c>anyOf</c>, <c>oneOf</c> and <c>allOf</c>: a union with <c>null</c> is the other branch's type,
/// nullable; a union of objects told apart by a constant property or by the properties they require
/// is an abstract record with one sealed record per branch; an <c>allOf</c> of compatible objects is
/// one record. Anything else is a <c>JsonElement</c> checked against the schema.
/// </summary>
internal sealed partial class SchemaTypeMapper
{
    /// <summary>How many <c>$ref</c>s are followed to find what a branch is; longer chains are left to the validator.</summary>
    private const int MaxReferenceHops = 16;

    private static readonly string[] CompositionKeywords = ["anyOf", "oneOf", "allOf"];

    private readonly Dictionary<FrontmatterNode, TypeRef> _unionsByNode = [];

    private TypeRef MapComposition(FrontmatterMapping schema, string hint, string pointer, bool exactName)
    {
        var keywords = CompositionKeywords.Where(k => schema[k] is not null).ToList();
        if (keywords.Count > 1)
        {
            return Validated(schema, pointer, $"it combines '{string.Join("' and '", keywords)}'");
        }

        var keyword = keywords[0];
        if (schema[keyword] is not FrontmatterSequence { Items.Count: > 0 } branches)
        {
            return Validated(schema, pointer, $"its '{keyword}' is not a list of schemas");
        }

        if (keyword == "allOf")
        {
            return MapAllOf(schema, branches, hint, pointer, exactName) ?? Validated(schema, pointer, "its 'allOf' parts are not objects whose properties agree");
        }

        var mapped = MapUnion(schema, keyword, branches, hint, pointer, exactName);
        if (mapped is null)
        {
            return Validated(schema, pointer, $"its '{keyword}' branches are neither one type and null nor objects told apart by a constant or a required property");
        }

        // Keywords beside the union (`type: object`, shared properties) hold too.
        return schema.Entries.Any(e => e.Name != keyword && IsAssertion(e.Name))
            ? mapped with { Constraints = Chain(mapped.Constraints, SchemaCheck(pointer, ifClean: true)) }
            : mapped;
    }

    private TypeRef? MapUnion(FrontmatterMapping schema, string keyword, FrontmatterSequence branches, string hint, string pointer, bool exactName)
    {
        var exactlyOne = keyword == "oneOf";
        var nulls = 0;
        var others = new List<int>();
        for (var i = 0; i < branches.Items.Count; i++)
        {
            if (IsNullOnly(Resolve(branches.Items[i], pointer).Node))
            {
                nulls++;
            }
            else
            {
                others.Add(i);
            }
        }

        // Two null branches of a oneOf make null invalid, and a union of nulls alone is no type.
        if (others.Count == 0 || (exactlyOne && nulls > 1))
        {
            return null;
        }

        if (others.Count == 1)
        {
            var single = Map(branches.Items[others[0]], hint, BranchPointer(pointer, keyword, others[0]), exactName);
            if (nulls == 0)
            {
                return single;
            }

            // In a oneOf, null must match the null branch alone; a branch that may accept null too cannot say.
            return exactlyOne && (single.AllowsNull || single.Kind == TypeKind.Json) ? null : single with { AllowsNull = true };
        }

        return MapRecordUnion(schema, keyword, branches, others, hint, pointer, exactName, allowsNull: nulls > 0);
    }

    private TypeRef? MapRecordUnion(FrontmatterMapping schema, string keyword, FrontmatterSequence branches, List<int> indexes, string hint, string pointer, bool exactName, bool allowsNull)
    {
        var resolved = new List<(int Index, FrontmatterMapping Schema, List<string> Required, FrontmatterMapping? Properties)>();
        foreach (var index in indexes)
        {
            if (Resolve(branches.Items[index], pointer).Node is not FrontmatterMapping branch || !IsPlainObject(branch))
            {
                return null;
            }

            resolved.Add((index, branch, RequiredNames(branch), branch["properties"] as FrontmatterMapping));
        }

        var discriminator = FindDiscriminator(resolved.Select(r => (r.Required, r.Properties)).ToList(), out var tags);
        if (discriminator is null)
        {
            // Without a tag, each branch must require a property that no other branch requires.
            for (var i = 0; i < resolved.Count; i++)
            {
                var others = resolved.Where((_, j) => j != i).SelectMany(r => r.Required);
                if (!resolved[i].Required.Except(others, StringComparer.Ordinal).Any())
                {
                    return null;
                }
            }
        }

        // One union per schema: met again (as when a branch is copied for a second union and holds
        // this union in turn), it is the same type, so copying ends.
        if (_unionsByNode.TryGetValue(schema, out var mappedBefore))
        {
            return mappedBefore with { AllowsNull = allowsNull };
        }

        var name = ClaimTypeName(TypeNameFor(exactName ? hint : Text(schema["title"]) ?? hint));
        var union = new TypeRef(TypeKind.Union, name, AllowsNull: allowsNull);
        _unionsByNode[schema] = union;
        if (_inProgress.ContainsKey(schema))
        {
            _definitions[schema] = union;
        }

        var baseHint = exactName ? hint : Text(schema["title"]) ?? hint;
        var specs = ImmutableArray.CreateBuilder<UnionBranchSpec>(resolved.Count);
        var needsCheck = false;
        for (var i = 0; i < resolved.Count; i++)
        {
            var (index, branchSchema, required, _) = resolved[i];
            var branchPointer = BranchPointer(pointer, keyword, index);
            var branchHint = baseHint + Identifiers.ToPascalCase(tags?[i] ?? "Option" + (i + 1).ToString(CultureInfo.InvariantCulture));
            var branch = Map(branches.Items[index], branchHint, branchPointer);
            if (branch.Kind == TypeKind.Record && _bases.ContainsKey(branch.Name!))
            {
                // A shared definition already in another union gets a copy of its own: a record has one base.
                branch = Map(branchSchema, branchHint, Resolve(branches.Items[index], branchPointer).Pointer);
            }

            if (branch.Kind != TypeKind.Record || branch.AllowsNull || _bases.ContainsKey(branch.Name!))
            {
                // No union after all: the branches taken so far get no base, and nothing names this union again.
                foreach (var taken in specs)
                {
                    _bases.Remove(taken.RecordName);
                }

                _unionsByNode.Remove(schema);
                if (_definitions.TryGetValue(schema, out var registered) && registered == union)
                {
                    _definitions.Remove(schema);
                }

                return null;
            }

            needsCheck |= branch.Constraints is not null;
            _bases[branch.Name!] = name;
            specs.Add(new UnionBranchSpec(branch.Name!, tags?[i], new EquatableArray<string>(required.ToImmutableArray())));
        }

        _unions.Add(new UnionSpec(name, Text(schema["description"]), new EquatableArray<UnionBranchSpec>(specs.MoveToImmutable()), discriminator, keyword == "oneOf"));

        // A branch reached through a $ref with bounds beside it: the bounds are checked with the schema.
        return needsCheck ? union with { Constraints = SchemaCheck(pointer, ifClean: true) } : union;
    }

    /// <summary>
    /// The property every branch requires and fixes to a string of its own (<c>const: text</c> or
    /// <c>enum: [text]</c>), as OpenAI's and most tagged unions do; null when there is none.
    /// </summary>
    private static string? FindDiscriminator(List<(List<string> Required, FrontmatterMapping? Properties)> branches, out List<string>? tags)
    {
        foreach (var candidate in branches[0].Properties?.Entries.Select(e => e.Name) ?? [])
        {
            var values = new List<string>();
            foreach (var (required, properties) in branches)
            {
                if (!required.Contains(candidate) || Tag(properties?[candidate]) is not { } tag || values.Contains(tag))
                {
                    break;
                }

                values.Add(tag);
            }

            if (values.Count == branches.Count)
            {
                tags = values;
                return candidate;
            }
        }

        tags = null;
        return null;
    }

    private static string? Tag(FrontmatterNode? property)
    {
        if (property is not FrontmatterMapping schema)
        {
            return null;
        }

        if (schema["const"] is FrontmatterScalar { Kind: FrontmatterScalarKind.String } constant)
        {
            return constant.Value;
        }

        return schema["enum"] is FrontmatterSequence { Items.Count: 1 } values && values.Items[0] is FrontmatterScalar { Kind: FrontmatterScalarKind.String } only
            ? only.Value
            : null;
    }

    /// <summary>
    /// An <c>allOf</c> whose parts (and the keywords beside it) are objects with properties and
    /// required names only, none of them closed, and whose shared properties have the same schema:
    /// one record with all the properties. Null when the parts do not merge so simply.
    /// </summary>
    private TypeRef? MapAllOf(FrontmatterMapping schema, FrontmatterSequence parts, string hint, string pointer, bool exactName)
    {
        var besides = schema.Entries.Any(e => e.Name != "allOf" && IsAssertion(e.Name));
        if (!besides && parts.Items.Count == 1)
        {
            // `allOf: [{$ref: …}]` with a description of its own, as Pydantic writes a documented reference.
            return Map(parts.Items[0], hint, BranchPointer(pointer, "allOf", 0), exactName);
        }

        var objects = new List<(FrontmatterMapping Schema, string Pointer)>();
        if (besides)
        {
            objects.Add((schema, pointer));
        }

        for (var i = 0; i < parts.Items.Count; i++)
        {
            var (node, partPointer) = Resolve(parts.Items[i], BranchPointer(pointer, "allOf", i));
            if (node is not FrontmatterMapping part)
            {
                return null;
            }

            objects.Add((part, partPointer));
        }

        var properties = new List<ObjectProperty>();
        var required = new List<string>();
        foreach (var (part, partPointer) in objects)
        {
            if (!IsPlainObject(part, allow: part == schema ? "allOf" : null) || part["additionalProperties"] is { } additional && !IsTrue(additional))
            {
                return null;
            }

            foreach (var entry in (part["properties"] as FrontmatterMapping)?.Entries ?? [])
            {
                var existing = properties.FindIndex(p => p.Name == entry.Name);
                var property = new ObjectProperty(entry.Name, entry.Value, partPointer + "/properties/" + FrontmatterPointer.Escape(entry.Name));
                if (existing < 0)
                {
                    properties.Add(property);
                }
                else if (IsTrue(properties[existing].Schema))
                {
                    properties[existing] = property;
                }
                else if (!IsTrue(entry.Value) && entry.Value.ToJson() != properties[existing].Schema.ToJson())
                {
                    return null;
                }
            }

            required.AddRange(RequiredNames(part).Where(r => !required.Contains(r)));
        }

        var name = ClaimTypeName(TypeNameFor(exactName ? hint : Text(schema["title"]) ?? hint));
        var description = Text(schema["description"]) ?? objects.Select(o => Text(o.Schema["description"])).FirstOrDefault(t => t is not null);
        return BuildRecord(schema, name, description, properties, required, additional: null, pointer + "/additionalProperties", isClosed: false, allowsNull: false, constraints: null, hint);
    }

    /// <summary>
    /// An object schema the record readers express exactly: of type object (said or implied), with
    /// no keyword but properties, required, additionalProperties and annotations (and <paramref name="allow"/>).
    /// </summary>
    private static bool IsPlainObject(FrontmatterMapping schema, string? allow = null)
    {
        var types = ReadTypes(schema["type"]);
        if (types is null || !(types.Count == 1 && types[0] == "object" || types.Count == 0 && (schema["properties"] is not null || schema["required"] is not null)))
        {
            return false;
        }

        return schema.Entries.All(e => e.Name is "type" or "properties" or "required" or "additionalProperties" || e.Name == allow || !IsAssertion(e.Name));
    }

    private static bool IsNullOnly(FrontmatterNode node) =>
        node is FrontmatterMapping schema &&
        (schema["type"] is FrontmatterScalar { Value: "null" } || schema["const"] is FrontmatterScalar { IsNull: true }) &&
        schema.Entries.All(e => e.Name is "type" or "const" || !IsAssertion(e.Name));

    private static bool IsTrue(FrontmatterNode node) =>
        node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag ? YamlScalars.IsTrue(flag.Value) : node is FrontmatterMapping { Entries.Count: 0 };

    private static List<string> RequiredNames(FrontmatterMapping schema) =>
        (schema["required"] as FrontmatterSequence)?.Items.OfType<FrontmatterScalar>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static string BranchPointer(string pointer, string keyword, int index) =>
        pointer + "/" + keyword + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// What a branch is once a <c>$ref</c> with nothing but annotations beside it is followed, and the
    /// pointer of that schema; the branch itself when it is no such reference or leads nowhere.
    /// </summary>
    private (FrontmatterNode Node, string Pointer) Resolve(FrontmatterNode node, string pointer)
    {
        for (var hop = 0; hop < MaxReferenceHops; hop++)
        {
            if (_root is null || node is not FrontmatterMapping { } schema || schema["$ref"] is not FrontmatterScalar reference ||
                schema.Entries.Any(e => e.Name != "$ref" && IsAssertion(e.Name)) || SchemaReferences.Resolve(_root, reference) is not { } target)
            {
                break;
            }

            node = target;
            pointer = SchemaReferences.PointerOf(_root, target) ?? reference.Value;
        }

        return (node, pointer);
    }
}
