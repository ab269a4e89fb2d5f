using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillRt;

/// <summary>
/// Checks a value written in the frontmatter (a <c>json</c> input's default) against a JSON Schema
/// written there too, for the keywords SkillRt enforces, so a default that breaks its own schema
/// fails the build instead of surprising the runtime. Unsupported keywords are ignored, as the
/// validator has already warned about them.
/// </summary>
internal sealed class SchemaInstanceChecker
{
    private const int MaxProblems = 3;
    private const int MaxDepth = 64;
    private readonly FrontmatterNode _root;
    private readonly List<string> _problems = [];

    private SchemaInstanceChecker(FrontmatterNode root) => _root = root;

    /// <summary>The first few problems, as <c>/pointer: what</c>; empty when the value fits.</summary>
    public static IReadOnlyList<string> Check(FrontmatterNode value, FrontmatterNode schema)
    {
        var checker = new SchemaInstanceChecker(schema);
        checker.Validate(value, schema, string.Empty, 0);
        return checker._problems;
    }

    private void Validate(FrontmatterNode value, FrontmatterNode schema, string pointer, int depth)
    {
        if (_problems.Count >= MaxProblems || depth > MaxDepth || schema is not FrontmatterMapping mapping)
        {
            if (schema is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } flag && !YamlScalars.IsTrue(flag.Value))
            {
                Problem(pointer, "no value is allowed here");
            }

            return;
        }

        if (mapping["$ref"] is FrontmatterScalar reference && SchemaReferences.Resolve(_root, reference) is { } target)
        {
            Validate(value, target, pointer, depth + 1);
        }

        if (mapping["type"] is { } type && !MatchesType(value, type))
        {
            Problem(pointer, $"is {Describe(value)}, but the schema's type is {Json(type)}");
            return;
        }

        if (mapping["enum"] is FrontmatterSequence allowed && !Contains(allowed.Items, value))
        {
            Problem(pointer, $"is {Json(value)}, which is not one of {Json(allowed)}");
        }

        if (mapping["const"] is { } constant && !JsonEquals(constant, value))
        {
            Problem(pointer, $"is {Json(value)}, but the schema requires {Json(constant)}");
        }

        switch (value)
        {
            case FrontmatterScalar { Kind: FrontmatterScalarKind.String } text:
                CheckString(text.Value, mapping, pointer);
                break;
            case FrontmatterScalar scalar when YamlScalars.TryGetDouble(scalar, out var number) && scalar.Kind is FrontmatterScalarKind.Integer or FrontmatterScalarKind.Float:
                CheckNumber(number, mapping, pointer);
                break;
            case FrontmatterSequence sequence:
                CheckArray(sequence, mapping, pointer, depth);
                break;
            case FrontmatterMapping obj:
                CheckObject(obj, mapping, pointer, depth);
                break;
        }
    }

    private void CheckString(string text, FrontmatterMapping schema, string pointer)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            length += i > 0 && char.IsSurrogatePair(text[i - 1], text[i]) ? 0 : 1;
        }

        if (Number(schema["minLength"]) is { } min && length < min)
        {
            Problem(pointer, $"is {length} characters long, fewer than minLength {Format(min)}");
        }

        if (Number(schema["maxLength"]) is { } max && length > max)
        {
            Problem(pointer, $"is {length} characters long, more than maxLength {Format(max)}");
        }

        if (schema["pattern"] is FrontmatterScalar pattern)
        {
            try
            {
                if (!Regex.IsMatch(text, pattern.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    Problem(pointer, $"does not match the pattern {pattern.Value}");
                }
            }
            catch (ArgumentException)
            {
                // An invalid pattern is the schema checker's to report.
            }
            catch (RegexMatchTimeoutException)
            {
                // Pathological backtracking ("^(a+)+$" against a long default): a finding, not a crash.
                Problem(pointer, $"could not be checked against the pattern {pattern.Value} in time; use a shorter value or a simpler pattern");
            }
        }
    }

    private void CheckNumber(double number, FrontmatterMapping schema, string pointer)
    {
        if (Number(schema["minimum"]) is { } minimum && number < minimum)
        {
            Problem(pointer, $"is {Format(number)}, less than the minimum {Format(minimum)}");
        }

        if (Number(schema["maximum"]) is { } maximum && number > maximum)
        {
            Problem(pointer, $"is {Format(number)}, more than the maximum {Format(maximum)}");
        }

        if (Number(schema["exclusiveMinimum"]) is { } exclusiveMinimum && number <= exclusiveMinimum)
        {
            Problem(pointer, $"is {Format(number)}; it must be more than {Format(exclusiveMinimum)}");
        }

        if (Number(schema["exclusiveMaximum"]) is { } exclusiveMaximum && number >= exclusiveMaximum)
        {
            Problem(pointer, $"is {Format(number)}; it must be less than {Format(exclusiveMaximum)}");
        }

        if (Number(schema["multipleOf"]) is { } divisor && divisor > 0)
        {
            var quotient = number / divisor;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9 * Math.Max(1, Math.Abs(quotient)))
            {
                Problem(pointer, $"is {Format(number)}, not a multiple of {Format(divisor)}");
            }
        }
    }

    private void CheckArray(FrontmatterSequence array, FrontmatterMapping schema, string pointer, int depth)
    {
        if (Number(schema["minItems"]) is { } min && array.Items.Count < min)
        {
            Problem(pointer, $"has {array.Items.Count} items, fewer than minItems {Format(min)}");
        }

        if (Number(schema["maxItems"]) is { } max && array.Items.Count > max)
        {
            Problem(pointer, $"has {array.Items.Count} items, more than maxItems {Format(max)}");
        }

        if (schema["uniqueItems"] is FrontmatterScalar unique && YamlScalars.IsTrue(unique.Value))
        {
            for (var i = 1; i < array.Items.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonEquals(array.Items[i], array.Items[j]))
                    {
                        Problem(pointer + "/" + i.ToString(CultureInfo.InvariantCulture), $"repeats item {j}; the items must be unique");
                    }
                }
            }
        }

        if (schema["items"] is FrontmatterMapping items)
        {
            for (var i = 0; i < array.Items.Count; i++)
            {
                Validate(array.Items[i], items, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1);
            }
        }
    }

    private void CheckObject(FrontmatterMapping obj, FrontmatterMapping schema, string pointer, int depth)
    {
        if (schema["required"] is FrontmatterSequence required)
        {
            foreach (var name in required.Items)
            {
                if (name is FrontmatterScalar scalar && obj.Find(scalar.Value) is null)
                {
                    Problem(pointer, $"has no '{scalar.Value}', which the schema requires");
                }
            }
        }

        if (Number(schema["minProperties"]) is { } min && obj.Entries.Count < min)
        {
            Problem(pointer, $"has {obj.Entries.Count} properties, fewer than minProperties {Format(min)}");
        }

        if (Number(schema["maxProperties"]) is { } max && obj.Entries.Count > max)
        {
            Problem(pointer, $"has {obj.Entries.Count} properties, more than maxProperties {Format(max)}");
        }

        var properties = schema["properties"] as FrontmatterMapping;
        var additional = schema["additionalProperties"];
        foreach (var entry in obj.Entries)
        {
            var at = pointer + "/" + FrontmatterPointer.Escape(entry.Name);
            if (properties?[entry.Name] is { } propertySchema)
            {
                Validate(entry.Value, propertySchema, at, depth + 1);
            }
            else if (additional is not null)
            {
                Validate(entry.Value, additional, at, depth + 1);
            }
        }
    }

    private static bool MatchesType(FrontmatterNode value, FrontmatterNode type)
    {
        if (type is FrontmatterSequence types)
        {
            foreach (var item in types.Items)
            {
                if (item is FrontmatterScalar name && MatchesType(value, name.Value))
                {
                    return true;
                }
            }

            return false;
        }

        return type is not FrontmatterScalar single || MatchesType(value, single.Value);
    }

    private static bool MatchesType(FrontmatterNode value, string type) => (type, value) switch
    {
        ("object", FrontmatterMapping) => true,
        ("array", FrontmatterSequence) => true,
        ("string", FrontmatterScalar { Kind: FrontmatterScalarKind.String }) => true,
        ("boolean", FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean }) => true,
        ("null", FrontmatterScalar { Kind: FrontmatterScalarKind.Null }) => true,
        ("number", FrontmatterScalar { Kind: FrontmatterScalarKind.Integer or FrontmatterScalarKind.Float }) => true,
        ("integer", FrontmatterScalar { Kind: FrontmatterScalarKind.Integer }) => true,
        ("integer", FrontmatterScalar { Kind: FrontmatterScalarKind.Float } scalar) => YamlScalars.TryGetDouble(scalar, out var number) && Math.Floor(number) == number,
        _ => false,
    };

    private static bool Contains(IReadOnlyList<FrontmatterNode> allowed, FrontmatterNode value)
    {
        foreach (var candidate in allowed)
        {
            if (JsonEquals(candidate, value))
            {
                return true;
            }
        }

        return false;
    }

    // JSON equality: numbers by value, mappings regardless of key order.
    private static bool JsonEquals(FrontmatterNode left, FrontmatterNode right)
    {
        switch (left, right)
        {
            case (FrontmatterScalar a, FrontmatterScalar b):
                if (YamlScalars.TryGetDouble(a, out var x) && YamlScalars.TryGetDouble(b, out var y))
                {
                    return x == y;
                }

                return a.Kind == b.Kind && string.Equals(a.Kind == FrontmatterScalarKind.Boolean ? a.Value.ToLowerInvariant() : a.Value, b.Kind == FrontmatterScalarKind.Boolean ? b.Value.ToLowerInvariant() : b.Value, StringComparison.Ordinal)
                    || (a.IsNull && b.IsNull);
            case (FrontmatterSequence a, FrontmatterSequence b):
                if (a.Items.Count != b.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (!JsonEquals(a.Items[i], b.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (FrontmatterMapping a, FrontmatterMapping b):
                if (a.Entries.Count != b.Entries.Count)
                {
                    return false;
                }

                foreach (var entry in a.Entries)
                {
                    if (b[entry.Name] is not { } other || !JsonEquals(entry.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private void Problem(string pointer, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add((pointer.Length == 0 ? "the value" : pointer) + " " + message);
        }
    }

    private static double? Number(FrontmatterNode? node) => node is FrontmatterScalar scalar && YamlScalars.TryGetDouble(scalar, out var value) ? value : null;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Json(FrontmatterNode node)
    {
        var json = node.ToJson();
        return json.Length <= 60 ? json : json.Substring(0, 60) + "…";
    }

    private static string Describe(FrontmatterNode value) => value switch
    {
        FrontmatterMapping => "an object",
        FrontmatterSequence => "an array",
        FrontmatterScalar scalar => scalar.Kind switch
        {
            FrontmatterScalarKind.Null => "null",
            FrontmatterScalarKind.Boolean => "a boolean",
            FrontmatterScalarKind.Integer => "an integer",
            FrontmatterScalarKind.Float => "a number",
            _ => "a string",
        },
        _ => "a value",
    };
}
