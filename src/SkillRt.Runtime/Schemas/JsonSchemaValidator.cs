using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Schemas;

/// <summary>
/// A JSON Schema (draft 2020-12) compiled once into an immutable validator: create it per schema,
/// then validate any number of values, from any number of threads. Every keyword is enforced
/// except that <c>format</c> is an annotation unless <see cref="JsonSchemaValidatorOptions.AssertFormat"/>
/// is on, and no schema is ever fetched: <c>$ref</c>s resolve within the schema and the
/// <see cref="JsonSchemaValidatorOptions.Documents"/> given.
/// </summary>
/// <remarks>
/// <para>
/// It lives in SkillRt.Runtime (the package's lib/, net8.0 and net10.0) because both callers run
/// there: skills loaded at run time (<c>SkillDefinition</c>) and the readers the generator writes into
/// typed skills, which reference this assembly. SkillRt.Format, shared with the generator, targets
/// netstandard2.0 where System.Text.Json is a package the compiler host does not load, so it keeps the
/// build-time checks of schemas and this class checks values.
/// </para>
/// <para>
/// Bounded: patterns run on .NET's non-backtracking engine when they can (linear time) and with
/// <see cref="JsonSchemaValidatorOptions.PatternMatchTimeout"/> otherwise; recursive
/// <c>$ref</c>s are edges of the compiled graph, not copies; subschema nesting and the total work
/// of one validation are limited, and a value beyond a limit is reported, not waited for.
/// Reflection-free, trim- and AOT-safe.
/// </para>
/// </remarks>
public sealed class JsonSchemaValidator
{
    private readonly SchemaNode _root;
    private readonly JsonSchemaValidatorOptions _options;

    private JsonSchemaValidator(SchemaNode root, JsonSchemaValidatorOptions options)
    {
        _root = root;
        _options = options;
    }

    /// <summary>Compiles a schema.</summary>
    /// <param name="schema">The schema: an object or a boolean. It is copied; the caller's document may be disposed.</param>
    /// <param name="options">How to compile and validate; <see cref="JsonSchemaValidatorOptions.Default"/> when null.</param>
    /// <returns>The validator.</returns>
    /// <exception cref="ArgumentException">The schema is malformed or refers to a document it was not given; the message names where.</exception>
    public static JsonSchemaValidator Create(JsonElement schema, JsonSchemaValidatorOptions? options = null)
    {
        options ??= JsonSchemaValidatorOptions.Default;
        return new JsonSchemaValidator(SchemaCompiler.Compile(schema.Clone(), options), options);
    }

    /// <summary>
    /// Compiles the subschema at <paramref name="pointer"/> of a whole schema document, for the
    /// readers the generator writes: they check with it the parts of a value that no C# type
    /// expresses exactly. References resolve against the whole document.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not JSON, the schema is malformed, or nothing is at the pointer.</exception>
    internal static JsonSchemaValidator CreateAt(string schema, string pointer)
    {
        try
        {
            using var document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = SkillJson.MaxDepth });
            var options = JsonSchemaValidatorOptions.Default;
            return new JsonSchemaValidator(SchemaCompiler.Compile(document.RootElement.Clone(), options, pointer), options);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The schema is not valid JSON: {exception.Message}", nameof(schema), exception);
        }
    }

    /// <summary>Compiles a schema written as JSON text.</summary>
    /// <param name="schema">The schema's JSON.</param>
    /// <param name="options">How to compile and validate; <see cref="JsonSchemaValidatorOptions.Default"/> when null.</param>
    /// <returns>The validator.</returns>
    /// <exception cref="ArgumentException">The text is not JSON, or the schema is malformed or refers to a document it was not given.</exception>
    public static JsonSchemaValidator Create(string schema, JsonSchemaValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            using var document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = SkillJson.MaxDepth });
            return Create(document.RootElement, options);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The schema is not valid JSON: {exception.Message}", nameof(schema), exception);
        }
    }

    /// <summary>Whether <paramref name="value"/> matches the schema; stops at the first problem.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it matches.</returns>
    public bool IsValid(JsonElement value) => new SchemaEvaluation(_options, collectErrors: false).Run(_root, value, out _);

    /// <summary>Every way <paramref name="value"/> breaks the schema, each located in the value and in the schema.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The errors; empty when the value matches.</returns>
    public IReadOnlyList<JsonSchemaError> Validate(JsonElement value)
    {
        var valid = new SchemaEvaluation(_options, collectErrors: true).Run(_root, value, out var errors);
        return valid ? [] : errors!;
    }
}
