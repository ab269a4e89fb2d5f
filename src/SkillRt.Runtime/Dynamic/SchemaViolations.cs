using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace SkillRt.Dynamic;

/// <summary>
/// Turns NJsonSchema's validation errors into <see cref="SkillViolation"/>s: a JSON Pointer and a
/// sentence a person or a model can act on, worded like the generated checks of typed skills.
/// </summary>
internal static class SchemaViolations
{
    public const string UriExpected = "Expected a URI.";

    public static void Add(ICollection<ValidationError> errors, List<SkillViolation> violations)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in child.Errors.Values)
                {
                    Add(nested, violations);
                }

                continue;
            }

            // A missing property is reported at the object that lacks it, as the generated checks do.
            var pointer = Pointer(error);
            if (error.Kind == ValidationErrorKind.PropertyRequired && pointer.LastIndexOf('/') is var slash and >= 0)
            {
                pointer = pointer[..slash];
            }

            var violation = new SkillViolation(pointer, Message(error));
            if (!violations.Contains(violation))
            {
                violations.Add(violation);
            }
        }
    }

    private static string Message(ValidationError error)
    {
        if (error is PatternValidationError pattern)
        {
            // Worded as the generated checks word it (SkillJsonReader.CheckPattern).
            return pattern.TimedOut
                ? $"The value could not be checked against the pattern {pattern.Pattern} in time; use a shorter value."
                : $"The value {Quoted(error.Token)}does not match the pattern {pattern.Pattern}.";
        }

        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"The required property '{error.Property}' is missing.",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"The property '{error.Property}' is not allowed; the allowed properties are {Allowed(error)}.",
            ValidationErrorKind.StringExpected => "Expected a string.",
            ValidationErrorKind.IntegerExpected => "Expected an integer.",
            ValidationErrorKind.NumberExpected => "Expected a number.",
            ValidationErrorKind.BooleanExpected => "Expected true or false.",
            ValidationErrorKind.ObjectExpected => "Expected an object.",
            ValidationErrorKind.ArrayExpected => "Expected an array.",
            ValidationErrorKind.NullExpected => "Expected null.",
            // The value found is named, as the generated checks name it: the reader (or the model) sees what to change.
            ValidationErrorKind.NotInEnumeration => $"{Capitalized(Describe(error.Token))} is not allowed; use one of {Enumeration(schema)}.",
            ValidationErrorKind.StringTooShort => $"The string is too short; it must be at least {schema?.MinLength} characters.",
            ValidationErrorKind.StringTooLong => $"The string is too long; it must be at most {schema?.MaxLength} characters.",
            ValidationErrorKind.PatternMismatch => $"The value {Quoted(error.Token)}does not match the pattern {schema?.Pattern}.",
            ValidationErrorKind.NumberTooSmall => $"The value is less than the minimum {Number(schema?.ExclusiveMinimum ?? schema?.Minimum)}{(schema?.IsExclusiveMinimum == true || schema?.ExclusiveMinimum is not null ? " (exclusive)" : string.Empty)}.",
            ValidationErrorKind.NumberTooBig => $"The value is greater than the maximum {Number(schema?.ExclusiveMaximum ?? schema?.Maximum)}{(schema?.IsExclusiveMaximum == true || schema?.ExclusiveMaximum is not null ? " (exclusive)" : string.Empty)}.",
            ValidationErrorKind.NumberNotMultipleOf => $"The value is not a multiple of {Number(schema?.MultipleOf)}.",
            ValidationErrorKind.TooManyItems => $"The array has too many items; it must have at most {schema?.MaxItems}.",
            ValidationErrorKind.TooFewItems => $"The array has too few items; it must have at least {schema?.MinItems}.",
            ValidationErrorKind.ItemsNotUnique => "The items must be unique.",
            ValidationErrorKind.TooManyProperties => $"The object has too many properties; it must have at most {schema?.MaxProperties}.",
            ValidationErrorKind.TooFewProperties => $"The object has too few properties; it must have at least {schema?.MinProperties}.",
            ValidationErrorKind.UriExpected => UriExpected,
            ValidationErrorKind.DateTimeExpected => "Expected a date and time (RFC 3339), such as 2025-01-31T12:00:00Z.",
            ValidationErrorKind.DateExpected => "Expected a date, such as 2025-01-31.",
            ValidationErrorKind.TimeExpected => "Expected a time, such as 12:00:00.",
            ValidationErrorKind.EmailExpected => "Expected an email address.",
            ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected => "Expected a UUID.",
            ValidationErrorKind.NotAllOf or ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.ExcludedSchemaValidates =>
                "The value does not match the schema.",
            _ => $"The value breaks the schema ({Words(error.Kind.ToString())}).",
        };
    }

    /// <summary>NJsonSchema writes paths as <c>#/findings[0].severity</c>; a JSON Pointer is <c>/findings/0/severity</c>.</summary>
    private static string Pointer(ValidationError error)
    {
        var path = error.Path ?? string.Empty;
        if (path.StartsWith('#'))
        {
            path = path[1..];
        }

        var pointer = new StringBuilder();
        var segment = new StringBuilder();
        void Flush()
        {
            if (segment.Length > 0)
            {
                pointer.Append(SkillRt.Serialization.SkillJsonReader.Append(string.Empty, segment.ToString()));
                segment.Clear();
            }
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            switch (c)
            {
                case '/' when i == 0:
                    break;
                case '.':
                    Flush();
                    break;
                case '[':
                    Flush();
                    var close = path.IndexOf(']', i);
                    if (close < 0)
                    {
                        segment.Append(path, i, path.Length - i);
                        i = path.Length;
                        break;
                    }

                    segment.Append(path, i + 1, close - i - 1);
                    Flush();
                    i = close;
                    break;
                default:
                    segment.Append(c);
                    break;
            }
        }

        Flush();
        return pointer.ToString();
    }

    private static string Allowed(ValidationError error)
    {
        var parent = error.Schema;
        var names = parent?.Properties.Keys.ToList() ?? [];
        return names.Count == 0 ? "none" : string.Join(", ", names.Select(n => "'" + n + "'"));
    }

    private static string Enumeration(JsonSchema? schema) =>
        schema is null || schema.Enumeration.Count == 0
            ? "the listed values"
            : string.Join(", ", schema.Enumeration.Select(v => v is string s ? "\"" + s + "\"" : v?.ToString() ?? "null"));

    /// <summary>The value as SkillJsonReader.Describe words it: <c>the string "bugg"</c>, <c>the number 4</c>, <c>null</c>.</summary>
    private static string Describe(JToken? token) => token?.Type switch
    {
        JTokenType.String => $"the string \"{SkillRt.Serialization.SkillJsonReader.Excerpt((string)token!)}\"",
        JTokenType.Integer or JTokenType.Float => "the number " + token!.ToString(Formatting.None),
        JTokenType.Boolean => (bool)token! ? "true" : "false",
        JTokenType.Null => "null",
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        _ => "the value",
    };

    // A string value, quoted and cut as the generated pattern check quotes it, followed by a space; nothing for other values.
    private static string Quoted(JToken? token) =>
        token?.Type == JTokenType.String ? $"\"{SkillRt.Serialization.SkillJsonReader.Excerpt((string)token!)}\" " : string.Empty;

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Words(string kind)
    {
        var builder = new StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
