using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace SkillRt.Dynamic;

/// <summary>A string that does not match its schema's pattern, or could not be checked against it in time.</summary>
internal sealed class PatternValidationError : ValidationError
{
    public PatternValidationError(string? propertyName, string? path, JToken token, JsonSchema schema, string pattern, bool timedOut)
        : base(ValidationErrorKind.PatternMismatch, propertyName, path, token, schema)
    {
        Pattern = pattern;
        TimedOut = timedOut;
    }

    /// <summary>The pattern as the schema wrote it.</summary>
    public string Pattern { get; }

    /// <summary>True when the value was not checked: the match ran out of time (or the pattern is not valid).</summary>
    public bool TimedOut { get; }
}
