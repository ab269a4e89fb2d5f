using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>inputs</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] InputKeys = ["name", "type", "required", "description", "default", "enum", "schema"];

    private IReadOnlyList<SkillInput> BindInputs(FrontmatterNode node)
    {
        if (node is FrontmatterScalar { IsNull: true })
        {
            return [];
        }

        if (node is not FrontmatterSequence sequence)
        {
            WrongType(node, "inputs", "a list of inputs");
            return [];
        }

        if (sequence.Items.Count > SkillSizeLimits.MaxInputs)
        {
            Report(SkillDiagnosticDescriptors.TooManyInputs, sequence.Items[SkillSizeLimits.MaxInputs].Span, sequence.Items.Count, SkillSizeLimits.MaxInputs);
        }

        var inputs = new List<SkillInput>(sequence.Items.Count);
        var byName = new Dictionary<string, SkillInput>(StringComparer.Ordinal);
        var byProperty = new Dictionary<string, SkillInput>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (ReadMapping(sequence.Items[i], $"inputs[{i}]") is not { } mapping ||
                BindInput(mapping, i) is not { } input)
            {
                continue;
            }

            if (byName.TryGetValue(input.Name, out var first))
            {
                Report(SkillDiagnosticDescriptors.DuplicateInputName, NameSpan(mapping), $"Input '{input.Name}' is declared twice (first on line {first.Span.StartLine})");
                continue;
            }

            var property = CSharpIdentifier.ToPascalCase(input.Name);
            if (byProperty.TryGetValue(property, out first))
            {
                Report(SkillDiagnosticDescriptors.DuplicateInputName, NameSpan(mapping), $"Inputs '{first.Name}' and '{input.Name}' both become the C# property '{property}'");
                continue;
            }

            byName.Add(input.Name, input);
            byProperty.Add(property, input);
            inputs.Add(input);
        }

        return inputs;
    }

    private SkillInput? BindInput(FrontmatterMapping mapping, int index)
    {
        CheckKeys(mapping, $"inputs[{index}]", InputKeys);
        var path = $"inputs[{index}]";
        string? name = null;
        if (mapping["name"] is not { } nameNode)
        {
            Report(SkillDiagnosticDescriptors.InvalidInputName, mapping.Span, $"Input {index + 1} has no 'name'");
        }
        else if ((name = ReadString(nameNode, path + ".name")) is not null && !NameRules.IsValidInputName(name))
        {
            Report(SkillDiagnosticDescriptors.InvalidInputName, nameNode.Span, $"Input name '{name}' is invalid");
            name = null;
        }

        var type = BindInputType(mapping, path, out var typeSpan, out var typeGiven);
        var required = mapping["required"] is { } requiredNode && ReadBoolean(requiredNode, path + ".required") == true;
        var description = mapping["description"] is { } descriptionNode ? ReadString(descriptionNode, path + ".description") : null;
        var label = name ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        IReadOnlyList<string> enumValues = [];
        if (mapping.Find("enum") is { } enumEntry)
        {
            if (enumEntry.Value is FrontmatterSequence { Items.Count: var count } listed && count > SkillSizeLimits.MaxEnumValues)
            {
                Report(SkillDiagnosticDescriptors.TooManyEnumValues, listed.Items[SkillSizeLimits.MaxEnumValues].Span, path + ".enum", count, SkillSizeLimits.MaxEnumValues);
            }
            else
            {
                enumValues = BindEnum(enumEntry, label, type, typeGiven);
            }
        }

        var schema = mapping["schema"];
        if (schema is not null)
        {
            if (type != SkillInputType.Json)
            {
                Report(SkillDiagnosticDescriptors.SchemaOnNonJsonInput, schema.Span, label, type.ToWireName());
            }
            else
            {
                SchemaChecker.Check(schema, path + ".schema", _diagnostics);
            }
        }

        var defaultValue = mapping["default"];
        if (defaultValue is not null)
        {
            if (required)
            {
                Report(SkillDiagnosticDescriptors.RequiredWithDefault, mapping.Find("required")!.Value.Span, label);
            }

            if (DescribeDefaultProblem(type, defaultValue, enumValues) is { } problem)
            {
                Report(SkillDiagnosticDescriptors.DefaultTypeMismatch, defaultValue.Span, label, problem);
            }
            else if (type == SkillInputType.Json && schema is FrontmatterMapping && !(defaultValue is FrontmatterScalar { IsNull: true }) &&
                SchemaInstanceChecker.Check(defaultValue, schema) is { Count: > 0 } problems)
            {
                // A null default means "no default" and is not checked.
                Report(SkillDiagnosticDescriptors.DefaultTypeMismatch, defaultValue.Span, label, "does not fit the input's schema: " + string.Join("; ", problems));
            }
        }

        _ = typeSpan;
        return name is null
            ? null
            : new SkillInput
            {
                Name = name,
                Type = type,
                Required = required,
                Description = description,
                Default = defaultValue,
                EnumValues = enumValues,
                Schema = type == SkillInputType.Json ? schema : null,
                Span = mapping.Span,
            };
    }

    private SkillInputType BindInputType(FrontmatterMapping mapping, string path, out SourceSpan span, out bool given)
    {
        span = mapping.Span;
        given = false;
        if (mapping["type"] is not { } node || ReadString(node, path + ".type") is not { } typeName)
        {
            return SkillInputType.String;
        }

        span = node.Span;
        given = true;
        switch (typeName)
        {
            case "string": return SkillInputType.String;
            case "number": return SkillInputType.Number;
            case "integer": return SkillInputType.Integer;
            case "boolean": return SkillInputType.Boolean;
            case "file": return SkillInputType.File;
            case "url": return SkillInputType.Url;
            case "json": return SkillInputType.Json;
            default:
                Report(SkillDiagnosticDescriptors.UnknownInputType, node.Span, typeName);
                return SkillInputType.String;
        }
    }

    private List<string> BindEnum(FrontmatterEntry entry, string label, SkillInputType type, bool typeGiven)
    {
        var values = new List<string>();
        if (typeGiven && type != SkillInputType.String)
        {
            Report(SkillDiagnosticDescriptors.InvalidEnum, entry.Key.Span, label, $"'enum' is allowed only on string inputs, not {type.ToWireName()}");
            return values;
        }

        if (entry.Value is not FrontmatterSequence { Items.Count: > 0 } sequence)
        {
            Report(SkillDiagnosticDescriptors.InvalidEnum, entry.Value.Span, label, "it must be a non-empty list of values");
            return values;
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            if (item is not FrontmatterScalar { IsNull: false } scalar)
            {
                Report(SkillDiagnosticDescriptors.InvalidEnum, item.Span, label, "every value must be a string, not " + item.KindDescription);
                continue;
            }

            var member = CSharpIdentifier.ToPascalCase(scalar.Value);
            if (!seen.Add(scalar.Value))
            {
                Report(SkillDiagnosticDescriptors.InvalidEnum, item.Span, label, $"'{scalar.Value}' is listed twice");
                continue;
            }

            if (members.TryGetValue(member, out var other))
            {
                Report(SkillDiagnosticDescriptors.InvalidEnum, item.Span, label, $"'{other}' and '{scalar.Value}' both become the C# enum member '{member}'");
                continue;
            }

            members.Add(member, scalar.Value);
            values.Add(scalar.Value);
        }

        return values;
    }

    private static string? DescribeDefaultProblem(SkillInputType type, FrontmatterNode value, IReadOnlyList<string> enumValues)
    {
        if (type == SkillInputType.Json)
        {
            return null;
        }

        if (value is not FrontmatterScalar scalar)
        {
            return $"must be {Expected(type)}, but is {value.KindDescription}";
        }

        if (scalar.IsNull)
        {
            return "is null; remove the default or give a value";
        }

        var ok = type switch
        {
            SkillInputType.String or SkillInputType.File => scalar.Kind == FrontmatterScalarKind.String,
            SkillInputType.Number => YamlScalars.TryGetDouble(scalar, out var number) && !double.IsInfinity(number),
            SkillInputType.Integer => scalar.Kind == FrontmatterScalarKind.Integer,
            SkillInputType.Boolean => scalar.Kind == FrontmatterScalarKind.Boolean,
            SkillInputType.Url => scalar.Kind == FrontmatterScalarKind.String && IsAbsoluteUrl(scalar.Value),
            _ => true,
        };

        if (!ok)
        {
            var hint = type is SkillInputType.String or SkillInputType.File && scalar.Kind != FrontmatterScalarKind.String
                ? $"; quote it: \"{scalar.Value}\""
                : string.Empty;
            return $"must be {Expected(type)}, but is {scalar.KindDescription} ('{scalar.Value}'){hint}";
        }

        if (type == SkillInputType.Integer && !YamlScalars.TryGetInteger(scalar.Value, out _))
        {
            return $"is '{scalar.Value}', which is out of range: integers must fit in 64 bits";
        }

        if (type == SkillInputType.File && scalar.Value.IndexOf('\0') >= 0)
        {
            return "contains a NUL character, which no file path can";
        }

        if (enumValues.Count > 0 && !Contains(enumValues, scalar.Value))
        {
            return $"is '{scalar.Value}', which is not one of the enum values: {string.Join(", ", enumValues)}";
        }

        return null;
    }

    // Uri accepts "/tmp/x" as an absolute file URI on Unix only; a URL here must name its scheme.
    private static bool IsAbsoluteUrl(string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 1 || !char.IsLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsLetterOrDigit(value[i]) || value[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Expected(SkillInputType type) => type switch
    {
        SkillInputType.Number => "a number",
        SkillInputType.Integer => "a whole number",
        SkillInputType.Boolean => "true or false",
        SkillInputType.Url => "an absolute URL such as https://example.com",
        SkillInputType.File => "a file path string",
        _ => "a string",
    };

    private static SourceSpan NameSpan(FrontmatterMapping mapping) => mapping["name"]?.Span ?? mapping.Span;
}
