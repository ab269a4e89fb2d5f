using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace SkillRt.Dynamic;

/// <summary>
/// NJsonSchema's validator with the schema's patterns applied from a <see cref="SchemaPatterns"/>
/// table, so no regular expression runs unbounded. One instance per validation: once a
/// backtracking match has run out of time, later backtracking matches in the same value are
/// reported as not checked instead of each spending the whole timeout again.
/// </summary>
internal sealed class BoundedSchemaValidator : JsonSchemaValidator
{
    private readonly SchemaPatterns _patterns;
    private bool _outOfTime;

    public BoundedSchemaValidator(SchemaPatterns patterns) => _patterns = patterns;

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        var errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
        if (token.Type == JTokenType.String && _patterns.TryGet(schema, out var pattern))
        {
            var value = token.Value<string>() ?? string.Empty;
            var matched = _outOfTime && !pattern.IsLinear ? null : pattern.IsMatch(value);
            _outOfTime |= matched is null;
            if (matched != true)
            {
                errors.Add(new PatternValidationError(propertyName, propertyPath, token, schema, pattern.Source, timedOut: matched is null));
            }
        }

        return errors;
    }
}
