using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SkillRt.Schemas;
using SkillRt.Serialization;

namespace SkillRt.Dynamic;

/// <summary>
/// The contract of a skill loaded at run time: JSON in, JSON out, checked by SkillRt's
/// <see cref="JsonSchemaValidator"/> against the same schemas the generator compiles into typed
/// checks. A skill without declared inputs takes its task as a JSON string.
/// </summary>
internal sealed class DynamicSkillContract : SkillContract<JsonElement, JsonElement>
{
    private readonly SkillManifest _manifest;
    private readonly Lazy<JsonSchemaValidator> _inputSchema;
    private readonly Lazy<JsonSchemaValidator?> _outputSchema;

    // Each input's default as JSON, in declaration order; null where there is none.
    private readonly string?[] _defaults;

    public DynamicSkillContract(SkillDescriptor descriptor, SkillManifest manifest)
        : this(descriptor, manifest, JsonSchemaValidatorOptions.Default.PatternMatchTimeout)
    {
    }

    /// <summary>With the time one pattern match may take; tests shorten it.</summary>
    internal DynamicSkillContract(SkillDescriptor descriptor, SkillManifest manifest, TimeSpan patternTimeout)
        : base(descriptor)
    {
        _manifest = manifest;
        _defaults = new string?[manifest.Inputs.Count];
        for (var i = 0; i < _defaults.Length; i++)
        {
            _defaults[i] = SkillSchemas.DefaultAsJson(manifest.Inputs[i]);
        }

        // Local references only (the validator rejects others), so loading reads nothing from outside.
        // Compiled on first use, once: a validator is immutable and serves concurrent runs.
        var options = new JsonSchemaValidatorOptions { PatternMatchTimeout = patternTimeout };
        _inputSchema = new Lazy<JsonSchemaValidator>(() => JsonSchemaValidator.Create(descriptor.InputSchema, options));
        _outputSchema = new Lazy<JsonSchemaValidator?>(() => descriptor.OutputSchema is { } schema ? JsonSchemaValidator.Create(schema, options) : null);
    }

    public override void WriteInput(Utf8JsonWriter writer, JsonElement input)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (input.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        input.WriteTo(writer);
    }

    public override bool TryReadInput(JsonElement json, out JsonElement input, out IReadOnlyList<SkillViolation> violations)
    {
        input = default;
        if (!Descriptor.IsTemplate)
        {
            // Instructions without declared inputs: the input is the task in words.
            if (json.ValueKind is JsonValueKind.String || json.ValueKind is JsonValueKind.Object && !json.EnumerateObject().MoveNext())
            {
                input = json;
                violations = [];
                return true;
            }

            violations = [new SkillViolation(string.Empty, $"Skill '{Descriptor.Name}' declares no inputs; pass the task as a JSON string.")];
            return false;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            violations = [new SkillViolation(string.Empty, $"Expected an object holding the inputs of skill '{Descriptor.Name}' but found {Kind(json)}.")];
            return false;
        }

        var found = Violations(_inputSchema.Value.Validate(json));
        foreach (var declared in _manifest.Inputs)
        {
            if (declared.Type == SkillInputType.Url && json.TryGetProperty(declared.Name, out var url) && url.ValueKind == JsonValueKind.String)
            {
                // SkillRt's URL rule (absolute, with its scheme written out); the schema's "uri" format is an annotation.
                var pointer = SkillJsonReader.Append(string.Empty, declared.Name);
                var reader = new SkillJsonReader();
                reader.ReadAbsoluteUri(url, pointer);
                found.AddRange(reader.Violations);
            }
        }

        if (found.Count > 0)
        {
            violations = found;
            return false;
        }

        input = WithDefaults(json);
        violations = [];
        return true;
    }

    public override void WriteOutput(Utf8JsonWriter writer, JsonElement output)
    {
        ArgumentNullException.ThrowIfNull(writer);
        output.WriteTo(writer);
    }

    public override bool TryReadOutput(string text, out JsonElement output, out IReadOnlyList<SkillViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(text);
        output = default;
        if (Descriptor.OutputType != SkillOutputType.Json)
        {
            // Text as it is; a file output is the path the runner has already found.
            output = SkillJson.ToElement(0, text, static (_, writer, value) => writer.WriteStringValue(value));
            violations = [];
            return true;
        }

        if (!SkillJsonReader.TryParse(text, out var document, out violations))
        {
            return false;
        }

        using (document)
        {
            if (_outputSchema.Value is { } schema && schema.Validate(document.RootElement) is { Count: > 0 } errors)
            {
                var found = Violations(errors);
                if (found.Count > 0)
                {
                    violations = found;
                    return false;
                }
            }

            output = document.RootElement.Clone();
            violations = [];
            return true;
        }
    }

    // The schema location stays out of the violation: a model fixes the value, not the schema.
    private static List<SkillViolation> Violations(IReadOnlyList<JsonSchemaError> errors)
    {
        var violations = new List<SkillViolation>(errors.Count);
        foreach (var error in errors)
        {
            var violation = new SkillViolation(error.InstanceLocation, error.Message);
            if (!violations.Contains(violation))
            {
                violations.Add(violation);
            }
        }

        return violations;
    }

    /// <summary>The input with every missing input that has a default filled in, in declaration order.</summary>
    private JsonElement WithDefaults(JsonElement json)
    {
        var missing = false;
        for (var i = 0; i < _defaults.Length && !missing; i++)
        {
            missing = _defaults[i] is not null && !json.TryGetProperty(_manifest.Inputs[i].Name, out _);
        }

        return missing
            ? SkillJson.ToElement(this, json, static (contract, writer, json) => contract.WriteWithDefaults(writer, json))
            : json;
    }

    private void WriteWithDefaults(Utf8JsonWriter writer, JsonElement json)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _defaults.Length; i++)
        {
            var name = _manifest.Inputs[i].Name;
            if (json.TryGetProperty(name, out var value))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            else if (_defaults[i] is { } defaultJson)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(defaultJson, skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
    }

    private static string Kind(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
