using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SkillRt.Serialization;

namespace SkillRt.Schemas;

/// <summary>
/// One validation of one value against a compiled schema: the state that must not be shared
/// between threads (where in the value we are, the dynamic scope for <c>$dynamicRef</c>, the work
/// done so far, the errors found). The compiled <see cref="SchemaNode"/>s are only read.
/// </summary>
/// <remarks>
/// Without error collection the walk stops at the first failing keyword. With it, every keyword is
/// checked so one pass finds everything a model has to fix, but subschemas whose failure is not
/// itself an error (the branches of <c>anyOf</c>, <c>if</c>, <c>not</c>, <c>contains</c>) are still
/// checked quietly, and re-checked for words only when their keyword fails.
/// </remarks>
internal sealed class SchemaEvaluation
{
    /// <summary>How deeply subschemas may nest during one validation; a <c>$ref</c> cycle that never moves into the value stops here.</summary>
    public const int MaxDepth = 1000;

    private const int MaxAlternativesDescribed = 5;

    private readonly JsonSchemaValidatorOptions _options;
    private readonly List<PathSegment> _path = [];
    private readonly List<SchemaResource> _scope = [];
    private List<JsonSchemaError>? _errors;
    private int _evaluations;
    private int _depth;
    private bool _outOfTime;
    private JsonSchemaError? _stopped;

    public SchemaEvaluation(JsonSchemaValidatorOptions options, bool collectErrors)
    {
        _options = options;
        _errors = collectErrors ? [] : null;
    }

    /// <summary>Validates <paramref name="value"/>; the errors, when collected, are in <paramref name="errors"/>.</summary>
    public bool Run(SchemaNode root, JsonElement value, out List<JsonSchemaError>? errors)
    {
        var valid = Evaluate(root, value, annotations: null);
        errors = _errors;
        if (!valid && errors is not null)
        {
            if (_stopped is not null && !errors.Contains(_stopped))
            {
                errors.Add(_stopped);
            }

            if (errors.Count == 0)
            {
                errors.Add(new JsonSchemaError(string.Empty, root.Location, "The value does not match the schema."));
            }
        }

        return valid;
    }

    private bool Evaluate(SchemaNode node, JsonElement value, SchemaAnnotations? annotations)
    {
        if (node.Constant is { } constant)
        {
            if (!constant)
            {
                Report(node.Location, _path.Count == 0 ? "The schema allows no value at all." : "No value is allowed here; remove it.");
            }

            return constant;
        }

        if (_stopped is not null)
        {
            return false;
        }

        if (++_evaluations > _options.MaxEvaluations)
        {
            Stop(node, $"The value could not be checked: its schema needs more than {_options.MaxEvaluations.ToString(CultureInfo.InvariantCulture)} evaluations for it.");
            return false;
        }

        if (_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Stop(node, $"The value could not be checked: its schema nests more than {MaxDepth.ToString(CultureInfo.InvariantCulture)} subschemas deep here (a $ref that refers back to itself without going into the value?).");
            return false;
        }

        // The dynamic scope grows by a resource only when evaluation enters a different one.
        var entered = _scope.Count == 0 || !ReferenceEquals(_scope[^1], node.Resource);
        if (entered)
        {
            _scope.Add(node.Resource);
        }

        _depth++;
        var valid = Keywords(node, value, annotations ?? (node.CollectsAnnotations ? new SchemaAnnotations() : null));
        _depth--;
        if (entered)
        {
            _scope.RemoveAt(_scope.Count - 1);
        }

        return valid;
    }

    private bool Keywords(SchemaNode node, JsonElement value, SchemaAnnotations? annotations)
    {
        var report = _errors is not null;
        var valid = true;
        if (node.Types != SchemaTypes.None && !HasType(node.Types, value))
        {
            valid = false;
            if (!report)
            {
                return false;
            }

            Report(node, "type", $"Expected {SchemaMessages.TypeNames(node.Types)} but found {SchemaMessages.Describe(value)}.");
        }

        if (node.Const is { } constant && !SkillJson.DeepEquals(value, constant))
        {
            valid = false;
            if (!report)
            {
                return false;
            }

            Report(node, "const", $"{SchemaMessages.Capitalized(SchemaMessages.Describe(value))} is not allowed; it must be {SchemaMessages.Json(constant)}.");
        }

        if (node.Enum is { } allowed && !Contains(allowed, value))
        {
            valid = false;
            if (!report)
            {
                return false;
            }

            Report(node, "enum", $"{SchemaMessages.Capitalized(SchemaMessages.Describe(value))} is not allowed; use one of {SchemaMessages.List(allowed)}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                valid &= Number(node, value);
                break;
            case JsonValueKind.String:
                valid &= String(node, value);
                break;
        }

        if (!valid && !report)
        {
            return false;
        }

        if (node.Ref is { } target)
        {
            valid &= InPlace(target, value, annotations);
        }

        if (node.DynamicRef is not null)
        {
            valid &= InPlace(Dynamic(node), value, annotations);
        }

        if (node.AllOf is { } all)
        {
            foreach (var part in all)
            {
                valid &= InPlace(part, value, annotations);
                if (!valid && !report)
                {
                    return false;
                }
            }
        }

        if (node.AnyOf is { } any)
        {
            valid &= AnyOf(node, any, value, annotations);
        }

        if (node.OneOf is { } one)
        {
            valid &= OneOf(node, one, value, annotations);
        }

        if (node.Not is { } not && Quietly(not, value, null))
        {
            valid = false;
            Report(node, "not", $"The value must not match the schema at '{not.Location}' (not), but it does; change it.");
        }

        if (node.If is { } condition)
        {
            var branch = annotations is null ? null : new SchemaAnnotations();
            if (Quietly(condition, value, branch))
            {
                annotations?.Merge(branch!);
                if (node.Then is { } then)
                {
                    valid &= InPlace(then, value, annotations);
                }
            }
            else if (node.Else is { } otherwise)
            {
                valid &= InPlace(otherwise, value, annotations);
            }
        }

        if (!valid && !report)
        {
            return false;
        }

        // Last, so that unevaluatedProperties and unevaluatedItems see every other keyword's annotations.
        return value.ValueKind switch
        {
            JsonValueKind.Object => Object(node, value, annotations) && valid,
            JsonValueKind.Array => Array(node, value, annotations) && valid,
            _ => valid,
        };
    }

    private bool Number(SchemaNode node, JsonElement value)
    {
        if (node.Minimum is null && node.Maximum is null && node.ExclusiveMinimum is null && node.ExclusiveMaximum is null && node.MultipleOf is null)
        {
            return true;
        }

        var number = SchemaNumber.FromValue(value);
        var valid = true;
        if (node.Minimum is { } minimum && number.CompareTo(minimum) < 0)
        {
            valid = Report(node, "minimum", $"The value {value.GetRawText()} is less than the minimum {minimum.Text}.");
        }

        if (node.Maximum is { } maximum && number.CompareTo(maximum) > 0)
        {
            valid = Report(node, "maximum", $"The value {value.GetRawText()} is greater than the maximum {maximum.Text}.");
        }

        if (node.ExclusiveMinimum is { } above && number.CompareTo(above) <= 0)
        {
            valid = Report(node, "exclusiveMinimum", $"The value {value.GetRawText()} must be greater than {above.Text}.");
        }

        if (node.ExclusiveMaximum is { } below && number.CompareTo(below) >= 0)
        {
            valid = Report(node, "exclusiveMaximum", $"The value {value.GetRawText()} must be less than {below.Text}.");
        }

        if (node.MultipleOf is { } divisor && !number.IsMultipleOf(divisor))
        {
            valid = Report(node, "multipleOf", $"The value {value.GetRawText()} is not a multiple of {divisor.Text}.");
        }

        return valid;
    }

    private bool String(SchemaNode node, JsonElement value)
    {
        if (node.MinLength is null && node.MaxLength is null && node.Pattern is null && node.Format is null)
        {
            return true;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Report(node.Location, "The string escapes a lone UTF-16 surrogate; use well-formed Unicode.");
        }

        var valid = true;
        if (node.MinLength is not null || node.MaxLength is not null)
        {
            var length = SchemaMessages.CodePoints(text);
            if (length < node.MinLength)
            {
                valid = Report(node, "minLength", $"The string is {SchemaMessages.Count(length, "character")} long; it must be at least {SchemaMessages.Count(node.MinLength.Value, "character")}.");
            }

            if (length > node.MaxLength)
            {
                valid = Report(node, "maxLength", $"The string is {SchemaMessages.Count(length, "character")} long; it must be at most {SchemaMessages.Count(node.MaxLength.Value, "character")}.");
            }
        }

        if (node.Pattern is { } pattern)
        {
            valid &= Match(pattern, text) switch
            {
                true => true,
                false => Report(node, "pattern", $"The value \"{SkillJsonReader.Excerpt(text)}\" does not match the pattern {pattern.Source}."),
                null => Report(node, "pattern", $"The value could not be checked against the pattern {pattern.Source} in time; use a shorter value."),
            };
        }

        if (node.Format is { } format && SchemaFormats.IsValid(format, text) == false)
        {
            valid = Report(node, "format", $"Expected {SchemaFormats.Describe(format)} but found {SchemaMessages.Describe(value)}.");
        }

        return valid;
    }

    private bool Object(SchemaNode node, JsonElement value, SchemaAnnotations? annotations)
    {
        var report = _errors is not null;
        var valid = true;
        if (node.DependentSchemas is { } dependentSchemas)
        {
            foreach (var (name, schema) in dependentSchemas)
            {
                if (value.TryGetProperty(name, out _))
                {
                    valid &= InPlace(schema, value, annotations);
                }
            }
        }

        if (node.Required is { } required)
        {
            foreach (var name in required)
            {
                if (!value.TryGetProperty(name, out _))
                {
                    valid = Report(node, "required", $"The required property '{name}' is missing.");
                }
            }
        }

        if (node.DependentRequired is { } dependentRequired)
        {
            foreach (var (name, names) in dependentRequired)
            {
                if (value.TryGetProperty(name, out _))
                {
                    foreach (var other in names)
                    {
                        if (!value.TryGetProperty(other, out _))
                        {
                            valid = Report(node, "dependentRequired", $"The property '{other}' is required when '{name}' is present.");
                        }
                    }
                }
            }
        }

        if (!valid && !report)
        {
            return false;
        }

        if (node.Properties is { } properties)
        {
            foreach (var (name, schema) in properties)
            {
                if (value.TryGetProperty(name, out var property))
                {
                    _path.Add(new PathSegment(name));
                    valid &= Evaluate(schema, property, null);
                    _path.RemoveAt(_path.Count - 1);
                    annotations?.AddProperty(name);
                    if (!valid && !report)
                    {
                        return false;
                    }
                }
            }
        }

        if (node.PatternProperties is not null || node.AdditionalProperties is not null || node.PropertyNames is not null ||
            node.MinProperties is not null || node.MaxProperties is not null)
        {
            valid &= EachProperty(node, value, annotations);
        }

        if (node.UnevaluatedProperties is { } unevaluated)
        {
            foreach (var property in value.EnumerateObject())
            {
                var name = property.Name;
                if (annotations!.HasProperty(name))
                {
                    continue;
                }

                _path.Add(new PathSegment(name));
                var ok = unevaluated.Constant == false
                    ? Report(unevaluated.Location, $"The property '{name}' is not allowed; no schema here describes it. Remove it.")
                    : Evaluate(unevaluated, property.Value, null);
                _path.RemoveAt(_path.Count - 1);
                if (ok)
                {
                    annotations.AddProperty(name);
                }
                else if (!report)
                {
                    return false;
                }

                valid &= ok;
            }
        }

        return valid;
    }

    private bool EachProperty(SchemaNode node, JsonElement value, SchemaAnnotations? annotations)
    {
        var report = _errors is not null;
        var valid = true;
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (node.PatternProperties is null && node.AdditionalProperties is null && node.PropertyNames is null)
            {
                continue;
            }

            var name = property.Name;
            var described = node.DeclaresProperty(name);
            _path.Add(new PathSegment(name));
            if (node.PatternProperties is { } patterns)
            {
                foreach (var (pattern, schema) in patterns)
                {
                    switch (Match(pattern, name))
                    {
                        case true:
                            described = true;
                            valid &= Evaluate(schema, property.Value, null);
                            annotations?.AddProperty(name);
                            break;
                        case null:
                            valid = Report(node.Location + "/patternProperties", $"The property name \"{SkillJsonReader.Excerpt(name)}\" could not be checked against the pattern {pattern.Source} in time; use a shorter name.");
                            break;
                    }
                }
            }

            if (!described && node.AdditionalProperties is { } additional)
            {
                valid &= additional.Constant == false
                    ? Report(additional.Location, $"The property '{name}' is not allowed; {SchemaMessages.Allowed(node)}.")
                    : Evaluate(additional, property.Value, null);
                annotations?.AddProperty(name);
            }

            if (node.PropertyNames is { } propertyNames)
            {
                valid &= PropertyName(propertyNames, name);
            }

            _path.RemoveAt(_path.Count - 1);
            if (!valid && !report)
            {
                return false;
            }
        }

        if (count < node.MinProperties)
        {
            valid = Report(node, "minProperties", $"The object has {SchemaMessages.Count(count, "property")}; it must have at least {SchemaMessages.Count(node.MinProperties.Value, "property")}.");
        }

        if (count > node.MaxProperties)
        {
            valid = Report(node, "maxProperties", $"The object has {SchemaMessages.Count(count, "property")}; it must have at most {SchemaMessages.Count(node.MaxProperties.Value, "property")}.");
        }

        return valid;
    }

    // A property name is checked as a string value; its errors are reported at the property, saying it is the name.
    private bool PropertyName(SchemaNode schema, string name)
    {
        var element = SkillJson.ToElement(0, name, static (_, writer, text) => writer.WriteStringValue(text));
        if (_errors is null)
        {
            return Evaluate(schema, element, null);
        }

        var outer = _errors;
        _errors = [];
        var valid = Evaluate(schema, element, null);
        foreach (var error in _errors)
        {
            outer.Add(new JsonSchemaError(error.InstanceLocation, error.SchemaLocation, $"The property name \"{SkillJsonReader.Excerpt(name)}\" is not allowed: {error.Message}"));
        }

        _errors = outer;
        return valid;
    }

    private bool Array(SchemaNode node, JsonElement value, SchemaAnnotations? annotations)
    {
        var report = _errors is not null;
        var valid = true;
        var length = value.GetArrayLength();
        if (length < node.MinItems)
        {
            valid = Report(node, "minItems", $"The array has {SchemaMessages.Count(length, "item")}; it must have at least {SchemaMessages.Count(node.MinItems.Value, "item")}.");
        }

        if (length > node.MaxItems)
        {
            valid = Report(node, "maxItems", $"The array has {SchemaMessages.Count(length, "item")}; it must have at most {SchemaMessages.Count(node.MaxItems.Value, "item")}.");
        }

        if (!valid && !report)
        {
            return false;
        }

        var prefix = node.PrefixItems?.Length ?? 0;
        if (node.PrefixItems is not null || node.Items is not null || node.Contains is not null)
        {
            var index = 0;
            var matches = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (index < prefix || node.Items is not null)
                {
                    var schema = index < prefix ? node.PrefixItems![index] : node.Items!;
                    _path.Add(new PathSegment(index));
                    valid &= schema.Constant == false && index >= prefix
                        ? Report(schema.Location, $"The array may have at most {SchemaMessages.Count(prefix, "item")}; remove this one.")
                        : Evaluate(schema, item, null);
                    _path.RemoveAt(_path.Count - 1);
                }

                if (node.Contains is { } contains && Quietly(contains, item, null))
                {
                    matches++;
                    annotations?.AddItem(index);
                }

                if (!valid && !report)
                {
                    return false;
                }

                index++;
            }

            annotations?.AddPrefix(Math.Min(prefix, length));
            if (node.Items is not null)
            {
                annotations?.AddAllItems();
            }

            if (node.Contains is not null)
            {
                var least = node.MinContains ?? 1;
                if (matches < least)
                {
                    valid = Report(node, "contains", $"The array has {SchemaMessages.Count(matches, "item")} matching the schema at '{node.Contains.Location}' (contains); it must have at least {least.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (matches > node.MaxContains)
                {
                    valid = Report(node, "maxContains", $"The array has {SchemaMessages.Count(matches, "item")} matching the schema at '{node.Contains.Location}' (contains); it must have at most {node.MaxContains.Value.ToString(CultureInfo.InvariantCulture)}.");
                }
            }
        }

        if (node.UniqueItems)
        {
            valid &= Unique(node, value);
        }

        if (!valid && !report)
        {
            return false;
        }

        if (node.UnevaluatedItems is { } unevaluated)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (!annotations!.HasItem(index))
                {
                    _path.Add(new PathSegment(index));
                    var ok = unevaluated.Constant == false
                        ? Report(unevaluated.Location, "This item is not allowed; no schema here describes it. Remove it.")
                        : Evaluate(unevaluated, item, null);
                    _path.RemoveAt(_path.Count - 1);
                    if (ok)
                    {
                        annotations.AddItem(index);
                    }
                    else if (!report)
                    {
                        return false;
                    }

                    valid &= ok;
                }

                index++;
            }
        }

        return valid;
    }

    private bool Unique(SchemaNode node, JsonElement value)
    {
        // Hashes consistent with JSON equality keep this linear for the usual arrays of distinct values.
        var seen = new Dictionary<int, List<(int Index, JsonElement Item)>>();
        var index = 0;
        var valid = true;
        foreach (var item in value.EnumerateArray())
        {
            var hash = SchemaMessages.Hash(item);
            if (!seen.TryGetValue(hash, out var bucket))
            {
                seen.Add(hash, bucket = []);
            }

            foreach (var (earlier, other) in bucket)
            {
                if (SkillJson.DeepEquals(other, item))
                {
                    _path.Add(new PathSegment(index));
                    valid = Report(node, "uniqueItems", $"This item repeats item {earlier.ToString(CultureInfo.InvariantCulture)}; the items must be unique.");
                    _path.RemoveAt(_path.Count - 1);
                    if (_errors is null)
                    {
                        return false;
                    }

                    break;
                }
            }

            bucket.Add((index++, item));
        }

        return valid;
    }

    private bool AnyOf(SchemaNode node, SchemaNode[] branches, JsonElement value, SchemaAnnotations? annotations)
    {
        var matched = false;
        foreach (var branch in branches)
        {
            var collected = annotations is null ? null : new SchemaAnnotations();
            if (Quietly(branch, value, collected))
            {
                matched = true;
                if (annotations is null)
                {
                    break;
                }

                annotations.Merge(collected!);
            }
        }

        if (!matched && _errors is not null)
        {
            ReportAlternatives(node, "anyOf", branches, value);
        }

        return matched;
    }

    private bool OneOf(SchemaNode node, SchemaNode[] branches, JsonElement value, SchemaAnnotations? annotations)
    {
        int first = -1, second = -1;
        SchemaAnnotations? kept = null;
        for (var i = 0; i < branches.Length && second < 0; i++)
        {
            var collected = annotations is null ? null : new SchemaAnnotations();
            if (Quietly(branches[i], value, collected))
            {
                if (first < 0)
                {
                    first = i;
                    kept = collected;
                }
                else
                {
                    second = i;
                }
            }
        }

        if (first >= 0 && second < 0)
        {
            if (kept is not null)
            {
                annotations!.Merge(kept);
            }

            return true;
        }

        if (_errors is not null)
        {
            if (first < 0)
            {
                ReportAlternatives(node, "oneOf", branches, value);
            }
            else
            {
                Report(node, "oneOf", $"The value matches alternatives {first + 1} and {second + 1} of oneOf, but must match exactly one; change it so that only one applies.");
            }
        }

        return false;
    }

    // Says why each alternative failed, so a model (or a person) can pick one and fix the value for it.
    private void ReportAlternatives(SchemaNode node, string keyword, SchemaNode[] branches, JsonElement value)
    {
        var here = Pointer();
        var reasons = new StringBuilder();
        var outer = _errors;
        for (var i = 0; i < branches.Length && i < MaxAlternativesDescribed; i++)
        {
            _errors = [];
            Evaluate(branches[i], value, null);
            reasons.Append(' ').Append('(').Append(i + 1).Append(") ");
            for (var e = 0; e < _errors.Count && e < 2; e++)
            {
                var error = _errors[e];
                if (e > 0)
                {
                    reasons.Append(' ');
                }

                if (error.InstanceLocation != here)
                {
                    reasons.Append("At ").Append(error.InstanceLocation).Append(": ");
                }

                reasons.Append(error.Message);
            }

            if (_errors.Count > 2)
            {
                reasons.Append(" …");
            }
        }

        _errors = outer;
        var more = branches.Length > MaxAlternativesDescribed ? " …" : string.Empty;
        Report(node, keyword, $"The value matches none of the {branches.Length} alternatives of {keyword}:{reasons}{more}");
    }

    private SchemaNode Dynamic(SchemaNode node)
    {
        if (node.DynamicRefAnchor is { } anchor)
        {
            // The outermost resource in the dynamic scope that declares the anchor wins.
            foreach (var resource in _scope)
            {
                if (resource.DynamicAnchors.TryGetValue(anchor, out var target))
                {
                    return target;
                }
            }
        }

        return node.DynamicRef!;
    }

    private bool InPlace(SchemaNode schema, JsonElement value, SchemaAnnotations? annotations)
    {
        if (annotations is null)
        {
            return Evaluate(schema, value, null);
        }

        var collected = new SchemaAnnotations();
        var valid = Evaluate(schema, value, collected);
        if (valid)
        {
            annotations.Merge(collected);
        }

        return valid;
    }

    private bool Quietly(SchemaNode schema, JsonElement value, SchemaAnnotations? annotations)
    {
        var errors = _errors;
        _errors = null;
        var valid = Evaluate(schema, value, annotations);
        _errors = errors;
        return valid;
    }

    private bool? Match(SchemaPattern pattern, string text)
    {
        // After one backtracking match has run out of time, the others in this value are reported as
        // not checked at once instead of each spending the whole timeout again.
        var matched = _outOfTime && !pattern.IsLinear ? null : pattern.IsMatch(text);
        _outOfTime |= matched is null;
        return matched;
    }

    private static bool HasType(SchemaTypes types, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => (types & SchemaTypes.Object) != 0,
        JsonValueKind.Array => (types & SchemaTypes.Array) != 0,
        JsonValueKind.String => (types & SchemaTypes.String) != 0,
        JsonValueKind.True or JsonValueKind.False => (types & SchemaTypes.Boolean) != 0,
        JsonValueKind.Null => (types & SchemaTypes.Null) != 0,
        JsonValueKind.Number => (types & SchemaTypes.Number) != 0 ||
            (types & SchemaTypes.Integer) != 0 && (value.TryGetInt64(out _) || SchemaNumber.FromValue(value).IsInteger),
        _ => false,
    };

    private static bool Contains(JsonElement[] allowed, JsonElement value)
    {
        foreach (var candidate in allowed)
        {
            if (SkillJson.DeepEquals(value, candidate))
            {
                return true;
            }
        }

        return false;
    }

    private bool Report(SchemaNode node, string keyword, string message) => Report(node.Location + "/" + keyword, message);

    // Returns false, so that a check can be written as valid = Report(...).
    private bool Report(string schemaLocation, string message)
    {
        _errors?.Add(new JsonSchemaError(Pointer(), schemaLocation, message));
        return false;
    }

    private void Stop(SchemaNode node, string message)
    {
        _stopped = new JsonSchemaError(Pointer(), node.Location, message);
        _errors?.Add(_stopped);
    }

    private string Pointer()
    {
        if (_path.Count == 0)
        {
            return string.Empty;
        }

        var pointer = string.Empty;
        foreach (var segment in _path)
        {
            pointer = segment.Name is { } name ? SkillJsonReader.Append(pointer, name) : SkillJsonReader.Append(pointer, segment.Index);
        }

        return pointer;
    }

    /// <summary>One step into the value: a property name or an array index.</summary>
    private readonly record struct PathSegment(string? Name, int Index)
    {
        public PathSegment(string name)
            : this(name, -1)
        {
        }

        public PathSegment(int index)
            : this(null, index)
        {
        }
    }
}
