using System.Text.Json.Serialization;
using SkillRt.Handoff.Serialization;

namespace SkillRt.Handoff;

/// <summary>The closed set of assertion operators (HANDOFF-SPEC section 3.4); the wire names are camelCase.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<HandoffAssertionOperator>))]
public enum HandoffAssertionOperator
{
    /// <summary>The path resolves to a value (<c>null</c> included).</summary>
    Exists,

    /// <summary>The path does not resolve.</summary>
    Absent,

    /// <summary>The value equals the operand (JSON equality: numbers by value, objects regardless of key order).</summary>
    Equal,

    /// <summary>The value does not equal the operand, or the path does not resolve.</summary>
    NotEqual,

    /// <summary>The value is a number less than the operand.</summary>
    LessThan,

    /// <summary>The value is a number at most the operand.</summary>
    AtMost,

    /// <summary>The value is a number greater than the operand.</summary>
    GreaterThan,

    /// <summary>The value is a number at least the operand.</summary>
    AtLeast,

    /// <summary>A string containing the operand (a string), or an array with an item equal to the operand.</summary>
    Contains,

    /// <summary>A string in which the operand, an ECMA-262 regular expression, finds a match.</summary>
    Matches,

    /// <summary>A string of at least that many characters, an array of that many items, or an object of that many properties.</summary>
    MinLength,

    /// <summary>A string, array or object of at most that length.</summary>
    MaxLength,
}
