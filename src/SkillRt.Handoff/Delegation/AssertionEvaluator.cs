using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillRt.Handoff.Delegation;

/// <summary>Evaluates an envelope's assertions on an output (HANDOFF-SPEC section 3.4), each to a piece of evidence.</summary>
internal static class AssertionEvaluator
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static HandoffEvidence Evaluate(HandoffAssertion assertion, int index, JsonElement output)
    {
        var criterion = assertion.Id ?? "assertions/" + index.ToString(CultureInfo.InvariantCulture);
        var found = TryResolve(output, assertion.Path, out var value);
        var operand = assertion.Value ?? default;
        var (passed, detail) = assertion.Op switch
        {
            HandoffAssertionOperator.Exists => (found, found ? "The value exists." : "Nothing is at this path."),
            HandoffAssertionOperator.Absent => (!found, found ? "A value is at this path: " + Excerpt(value) + "." : "Nothing is at this path."),
            HandoffAssertionOperator.Equal => found && JsonElement.DeepEquals(value, operand)
                ? (true, "The value equals " + Excerpt(operand) + ".")
                : (false, Missing(found, value) ?? $"The value {Excerpt(value)} does not equal {Excerpt(operand)}."),
            HandoffAssertionOperator.NotEqual => !found || !JsonElement.DeepEquals(value, operand)
                ? (true, "The value is not " + Excerpt(operand) + ".")
                : (false, "The value equals " + Excerpt(operand) + "."),
            HandoffAssertionOperator.LessThan => Compare(found, value, operand, static c => c < 0, "less than"),
            HandoffAssertionOperator.AtMost => Compare(found, value, operand, static c => c <= 0, "at most"),
            HandoffAssertionOperator.GreaterThan => Compare(found, value, operand, static c => c > 0, "greater than"),
            HandoffAssertionOperator.AtLeast => Compare(found, value, operand, static c => c >= 0, "at least"),
            HandoffAssertionOperator.Contains => Contains(found, value, operand),
            HandoffAssertionOperator.Matches => Matches(found, value, operand),
            HandoffAssertionOperator.MinLength => Length(found, value, operand, atLeast: true),
            HandoffAssertionOperator.MaxLength => Length(found, value, operand, atLeast: false),
            _ => (false, "Unknown operator."),
        };
        return new HandoffEvidence { Criterion = criterion, Passed = passed, Detail = detail, Path = assertion.Path };
    }

    /// <summary>Resolves a JSON Pointer (RFC 6901).</summary>
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty(token, out var property):
                    value = property;
                    break;
                case JsonValueKind.Array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < value.GetArrayLength() && (token == "0" || token[0] != '0'):
                    value = value[i];
                    break;
                default:
                    value = default;
                    return false;
            }
        }

        return true;
    }

    private static (bool, string) Compare(bool found, JsonElement value, JsonElement operand, Func<int, bool> holds, string words)
    {
        if (Missing(found, value, JsonValueKind.Number) is { } missing)
        {
            return (false, missing);
        }

        var comparison = value.GetDouble().CompareTo(operand.GetDouble());
        return holds(comparison)
            ? (true, $"The value {value.GetRawText()} is {words} {operand.GetRawText()}.")
            : (false, $"The value {value.GetRawText()} is not {words} {operand.GetRawText()}.");
    }

    private static (bool, string) Contains(bool found, JsonElement value, JsonElement operand)
    {
        if (!found)
        {
            return (false, "Nothing is at this path.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when operand.ValueKind == JsonValueKind.String:
                return value.GetString()!.Contains(operand.GetString()!, StringComparison.Ordinal)
                    ? (true, $"The string contains {Excerpt(operand)}.")
                    : (false, $"The string {Excerpt(value)} does not contain {Excerpt(operand)}.");
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (JsonElement.DeepEquals(item, operand))
                    {
                        return (true, $"The array has an item equal to {Excerpt(operand)}.");
                    }
                }

                return (false, $"No item of the array equals {Excerpt(operand)}.");
            default:
                return (false, $"The value {Excerpt(value)} is neither a string nor an array, so it cannot contain {Excerpt(operand)}.");
        }
    }

    private static (bool, string) Matches(bool found, JsonElement value, JsonElement operand)
    {
        if (Missing(found, value, JsonValueKind.String) is { } missing)
        {
            return (false, missing);
        }

        try
        {
            return Regex.IsMatch(value.GetString()!, operand.GetString()!, RegexOptions.None, MatchTimeout)
                ? (true, $"The string matches {Excerpt(operand)}.")
                : (false, $"The string {Excerpt(value)} does not match {Excerpt(operand)}.");
        }
        catch (RegexMatchTimeoutException)
        {
            return (false, $"The pattern {Excerpt(operand)} took longer than {MatchTimeout.TotalSeconds:0} s on the value; simplify it.");
        }
    }

    private static (bool, string) Length(bool found, JsonElement value, JsonElement operand, bool atLeast)
    {
        if (!found)
        {
            return (false, "Nothing is at this path.");
        }

        int? length = value.ValueKind switch
        {
            JsonValueKind.String => new StringInfo(value.GetString()!).LengthInTextElements,
            JsonValueKind.Array => value.GetArrayLength(),
            JsonValueKind.Object => Count(value),
            _ => null,
        };
        if (length is not { } actual)
        {
            return (false, $"The value {Excerpt(value)} has no length: it is not a string, an array or an object.");
        }

        var bound = operand.GetInt64();
        var holds = atLeast ? actual >= bound : actual <= bound;
        var words = atLeast ? "at least" : "at most";
        return (holds, holds ? $"The length {actual} is {words} {bound}." : $"The length {actual} is not {words} {bound}.");
    }

    private static int Count(JsonElement value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        return count;
    }

    private static string? Missing(bool found, JsonElement value, JsonValueKind? kind = null) =>
        !found ? "Nothing is at this path."
        : kind is { } expected && value.ValueKind != expected ? $"The value {Excerpt(value)} is not a {(expected == JsonValueKind.Number ? "number" : "string")}."
        : null;

    private static string Excerpt(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText();
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
