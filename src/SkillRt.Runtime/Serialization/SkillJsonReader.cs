using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillRt.Serialization;

/// <summary>
/// Reads JSON values for generated skill contracts and collects every way they break the schema,
/// each at its JSON Pointer. Generated code calls it; it is public only for that reason.
/// </summary>
/// <remarks>
/// Readers never stop at the first problem: a wrong value is reported and replaced by a default,
/// and reading goes on, so one pass finds everything a model has to fix.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SkillJsonReader
{
    private const int ExcerptLength = 40;
    private List<SkillViolation>? _violations;

    /// <summary>Whether any violation was reported.</summary>
    public bool HasViolations => _violations is { Count: > 0 };

    /// <summary>Every violation reported so far, in the order found.</summary>
    public IReadOnlyList<SkillViolation> Violations => _violations ?? (IReadOnlyList<SkillViolation>)[];

    /// <summary>Parses JSON text, reporting text that is not JSON as a violation of the whole value.</summary>
    /// <param name="text">The text.</param>
    /// <param name="document">The document, when the text is JSON.</param>
    /// <param name="violations">One violation when the text is not JSON; otherwise empty.</param>
    /// <returns>Whether the text is JSON.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonDocument? document, out IReadOnlyList<SkillViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = SkillJson.MaxDepth });
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate in the text cannot be turned into UTF-8.
            document = null;
            violations = [new SkillViolation(string.Empty, "The output contains invalid text (a lone UTF-16 surrogate); return well-formed Unicode.")];
            return false;
        }
        catch (JsonException exception)
        {
            document = null;
            var message = text.Trim().Length == 0
                ? "The output is empty; expected a JSON value."
                : $"The output is not valid JSON: {exception.Message} Return only the JSON value, without prose or code fences.";
            violations = [new SkillViolation(string.Empty, message)];
            return false;
        }

        var strings = new SkillJsonReader();
        if (MayHoldLoneSurrogates(text) && !strings.CheckStrings(document.RootElement, string.Empty))
        {
            document.Dispose();
            document = null;
            violations = strings.Violations;
            return false;
        }

        violations = [];
        return true;
    }

    /// <summary>
    /// Reports every string and property name that escapes a lone UTF-16 surrogate (<c>"\ud800"</c>):
    /// valid JSON text, but no .NET string. Readers call it when reading a value failed on one.
    /// </summary>
    /// <param name="element">The value to check, with everything in it.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>Whether every string is well formed.</returns>
    public bool CheckStrings(JsonElement element, string pointer)
    {
        var valid = true;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    Report(pointer, "The string escapes a lone UTF-16 surrogate; use well-formed Unicode.");
                    valid = false;
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    valid &= CheckStrings(item, Append(pointer, index++));
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        Report(pointer, "A property name escapes a lone UTF-16 surrogate; use well-formed Unicode.");
                        valid = false;
                        continue;
                    }

                    valid &= CheckStrings(property.Value, Append(pointer, name));
                }

                break;
        }

        return valid;
    }

    // Only a \uD800-\uDFFF escape can make a lone surrogate, so most texts skip the full check.
    private static bool MayHoldLoneSurrogates(string text)
    {
        for (var i = text.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 3 < text.Length; i = text.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            if (text[i + 2] is 'd' or 'D' && text[i + 3] is (>= '8' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a declared default from its JSON, for generated property initializers.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="json">The default as JSON; it was checked when the skill was built.</param>
    /// <param name="read">The generated reader for the type.</param>
    /// <returns>The value.</returns>
    public static T ReadDefault<T>(string json, Func<SkillJsonReader, JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var document = JsonDocument.Parse(json);
        return read(new SkillJsonReader(), document.RootElement);
    }

    /// <summary>Parses a JSON array of allowed values (an <c>enum</c> or <c>const</c>) once, for generated checks.</summary>
    /// <param name="json">A JSON array.</param>
    /// <returns>The values, detached from their document.</returns>
    public static JsonElement[] ParseValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new JsonElement[document.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var value in document.RootElement.EnumerateArray())
        {
            values[i++] = value.Clone();
        }

        return values;
    }

    /// <summary>Ends a read: the value when nothing was reported, otherwise the violations.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">What was read.</param>
    /// <param name="result">The value, when it is valid.</param>
    /// <param name="violations">Every violation; empty when the value is valid.</param>
    /// <returns>Whether the value is valid.</returns>
    public bool Complete<T>(T value, [MaybeNullWhen(false)] out T result, out IReadOnlyList<SkillViolation> violations)
    {
        violations = Violations;
        if (HasViolations)
        {
            result = default;
            return false;
        }

        result = value;
        return true;
    }

    /// <summary>
    /// Checks <paramref name="element"/> against a part of the schema that its C# type does not
    /// express exactly, reporting every error at its place below <paramref name="pointer"/>.
    /// </summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where the value is.</param>
    /// <param name="check">The schema part.</param>
    public void CheckSchema(JsonElement element, string pointer, SkillSchemaCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var validator = check.GetValidator(out var problem);
        if (validator is null)
        {
            Report(pointer, $"The value cannot be checked: the schema at '#{check.Pointer}' does not compile ({problem}). Fix the skill's schema.");
            return;
        }

        foreach (var error in validator.Validate(element))
        {
            Report(pointer + error.InstanceLocation, error.Message);
        }
    }

    /// <summary>
    /// Reports why a value is not one branch of a union: each of <paramref name="attempt"/>'s
    /// violations, prefixed with the branch's name.
    /// </summary>
    /// <param name="branch">The branch's type name.</param>
    /// <param name="attempt">The reader that tried the branch.</param>
    public void ReportBranchFailure(string branch, SkillJsonReader attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        foreach (var violation in attempt.Violations)
        {
            Report(violation.Pointer, $"As {branch}: {violation.Message}");
        }
    }

    /// <summary>Reports a violation.</summary>
    /// <param name="pointer">Where.</param>
    /// <param name="message">What is wrong.</param>
    public void Report(string pointer, string message) => (_violations ??= []).Add(new SkillViolation(pointer, message));

    /// <summary>The pointer to a property: <paramref name="pointer"/> plus one segment, escaped per RFC 6901.</summary>
    /// <param name="pointer">The parent.</param>
    /// <param name="name">The property name, unescaped.</param>
    /// <returns>The child pointer.</returns>
    public static string Append(string pointer, string name) =>
        pointer + "/" + (name.AsSpan().IndexOfAny('~', '/') < 0 ? name : name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    /// <summary>The pointer to an array item.</summary>
    /// <param name="pointer">The array.</param>
    /// <param name="index">The item's index.</param>
    /// <returns>The child pointer.</returns>
    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks that a value is an object.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>Whether it is an object.</returns>
    public bool ExpectObject(JsonElement element, string pointer) => Expect(element, JsonValueKind.Object, "an object", pointer);

    /// <summary>Checks that a value is an array.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>Whether it is an array.</returns>
    public bool ExpectArray(JsonElement element, string pointer) => Expect(element, JsonValueKind.Array, "an array", pointer);

    /// <summary>Reads a string.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The string, or empty after reporting a value of another type.</returns>
    public string ReadString(JsonElement element, string pointer) =>
        Expect(element, JsonValueKind.String, "a string", pointer) ? element.GetString()! : string.Empty;

    /// <summary>Reads a whole number; <c>2.0</c> counts, as JSON Schema says.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The number, or 0 after reporting a problem.</returns>
    public long ReadInt64(JsonElement element, string pointer)
    {
        if (!Expect(element, JsonValueKind.Number, "an integer", pointer))
        {
            return 0;
        }

        if (element.TryGetInt64(out var value))
        {
            return value;
        }

        var number = element.GetDouble();
        if (Math.Floor(number) == number && number >= long.MinValue && number < long.MaxValue)
        {
            return (long)number;
        }

        Report(pointer, Math.Floor(number) == number
            ? $"The integer {element.GetRawText()} is out of range; integers must fit in 64 bits."
            : $"Expected an integer but found {Describe(element)}.");
        return 0;
    }

    /// <summary>Reads a number.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The number, or 0 after reporting a value of another type.</returns>
    public double ReadDouble(JsonElement element, string pointer)
    {
        if (!Expect(element, JsonValueKind.Number, "a number", pointer))
        {
            return 0;
        }

        var value = element.GetDouble();
        if (double.IsFinite(value))
        {
            return value;
        }

        Report(pointer, $"The number {element.GetRawText()} is out of range.");
        return 0;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The value, or <see langword="false"/> after reporting a value of another type.</returns>
    public bool ReadBoolean(JsonElement element, string pointer)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        Report(pointer, $"Expected true or false but found {Describe(element)}.");
        return false;
    }

    /// <summary>Reads an absolute URL.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The URL, or <see langword="null"/> after reporting a problem.</returns>
    public Uri? ReadAbsoluteUri(JsonElement element, string pointer)
    {
        if (!Expect(element, JsonValueKind.String, "an absolute URL string", pointer))
        {
            return null;
        }

        // On Unix, Uri reads "/etc/passwd" as an absolute file URI; a URL here must name its scheme.
        var text = element.GetString()!;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        Report(pointer, $"Expected an absolute URL such as https://example.com/path but found {Describe(element)}.");
        return null;
    }

    /// <summary>Reads a file path.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where it is.</param>
    /// <returns>The file, or <see langword="null"/> after reporting a problem.</returns>
    public FileInfo? ReadFile(JsonElement element, string pointer) =>
        Expect(element, JsonValueKind.String, "a file path string", pointer) ? ToFile(element.GetString()!, pointer) : null;

    /// <summary>Turns text into a file, reporting an empty or malformed path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="pointer">Where it came from.</param>
    /// <returns>The file, or <see langword="null"/> after reporting a problem.</returns>
    public FileInfo? ToFile(string path, string pointer)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            Report(pointer, "Expected a file path but found an empty string.");
            return null;
        }

        try
        {
            return new FileInfo(trimmed);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Report(pointer, $"'{Excerpt(trimmed)}' is not a valid file path: {exception.Message}");
            return null;
        }
    }

    /// <summary>Keeps any JSON value as it is, detached from its document.</summary>
    /// <param name="element">The value.</param>
    /// <returns>A copy that outlives the document.</returns>
    public static JsonElement ReadJson(JsonElement element) => element.Clone();

    /// <summary>Reports a required property that is missing.</summary>
    /// <param name="pointer">The object.</param>
    /// <param name="name">The missing property.</param>
    public void ReportMissing(string pointer, string name) => Report(pointer, $"The required property '{name}' is missing.");

    /// <summary>Reports a property the schema does not allow.</summary>
    /// <param name="pointer">The object.</param>
    /// <param name="name">The unexpected property.</param>
    /// <param name="allowed">The properties that are allowed, comma-separated.</param>
    public void ReportNotAllowed(string pointer, string name, string allowed) =>
        Report(Append(pointer, name), $"The property '{name}' is not allowed; the allowed properties are {allowed}.");

    /// <summary>Reports a null where the schema does not allow one.</summary>
    /// <param name="pointer">Where.</param>
    /// <param name="expected">What is expected instead.</param>
    public void ReportNull(string pointer, string expected) => Report(pointer, $"Expected {expected} but found null.");

    /// <summary>Reports a string that is not one of the allowed values.</summary>
    /// <param name="pointer">Where.</param>
    /// <param name="value">The value found.</param>
    /// <param name="allowed">The allowed values, comma-separated.</param>
    public void ReportNotInEnum(string pointer, string value, string allowed) =>
        Report(pointer, $"The string \"{Excerpt(value)}\" is not allowed; use one of {allowed}.");

    /// <summary>Checks a value against the allowed values of an <c>enum</c> or <c>const</c> that are not all strings.</summary>
    /// <param name="element">The value.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="allowed">The allowed values.</param>
    /// <param name="allowedText">The allowed values as JSON, comma-separated.</param>
    public void CheckEnum(JsonElement element, string pointer, IReadOnlyList<JsonElement> allowed, string allowedText)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var candidate in allowed)
        {
            if (SkillJson.DeepEquals(element, candidate))
            {
                return;
            }
        }

        var found = Describe(element);
        Report(pointer, $"{char.ToUpperInvariant(found[0])}{found[1..]} is not allowed; use one of {allowedText}.");
    }

    /// <summary>Checks a string's length in Unicode code points, as JSON Schema counts it.</summary>
    /// <param name="value">The string.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="minLength">The fewest code points, if limited.</param>
    /// <param name="maxLength">The most code points, if limited.</param>
    public void CheckLength(string value, string pointer, long? minLength, long? maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = CodePoints(value);
        if (length < minLength)
        {
            Report(pointer, $"The string is {Characters(length)} long; it must be at least {Characters(minLength.Value)}.");
        }

        if (length > maxLength)
        {
            Report(pointer, $"The string is {Characters(length)} long; it must be at most {Characters(maxLength.Value)}.");
        }
    }

    /// <summary>Checks a string against a regular expression, which may match anywhere in it.</summary>
    /// <param name="value">The string.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="pattern">The compiled expression; it should have a match timeout.</param>
    /// <param name="source">The pattern as the schema wrote it, for messages; the expression's own text when omitted.</param>
    public void CheckPattern(string value, string pointer, Regex pattern, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            if (!pattern.IsMatch(value))
            {
                Report(pointer, $"The value \"{Excerpt(value)}\" does not match the pattern {source ?? pattern.ToString()}.");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            Report(pointer, $"The value could not be checked against the pattern {source ?? pattern.ToString()} in time; use a shorter value.");
        }
    }

    /// <summary>
    /// Whether a property name matches a <c>patternProperties</c> pattern; a name that cannot be
    /// checked in time is reported (at the property) and does not match.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="pointer">The object's pointer.</param>
    /// <param name="pattern">The pattern, with a match timeout.</param>
    /// <param name="source">The pattern as the schema writes it, for the message.</param>
    /// <returns>True when the name matches.</returns>
    public bool MatchesName(string name, string pointer, Regex pattern, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return pattern.IsMatch(name);
        }
        catch (RegexMatchTimeoutException)
        {
            Report(Append(pointer, name), $"The property name could not be checked against the pattern {source} in time; use a shorter name.");
            return false;
        }
    }

    /// <summary>Checks a number against <c>minimum</c>, <c>maximum</c>, the exclusive bounds and <c>multipleOf</c>.</summary>
    /// <param name="value">The number.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="minimum">The inclusive lower bound, if any.</param>
    /// <param name="maximum">The inclusive upper bound, if any.</param>
    /// <param name="exclusiveMinimum">The exclusive lower bound, if any.</param>
    /// <param name="exclusiveMaximum">The exclusive upper bound, if any.</param>
    /// <param name="multipleOf">What the number must be a multiple of, if anything.</param>
    public void CheckRange(double value, string pointer, double? minimum, double? maximum, double? exclusiveMinimum, double? exclusiveMaximum, double? multipleOf)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (value < minimum)
        {
            Report(pointer, $"The value {text} is less than the minimum {Format(minimum.Value)}.");
        }

        if (value > maximum)
        {
            Report(pointer, $"The value {text} is greater than the maximum {Format(maximum.Value)}.");
        }

        if (value <= exclusiveMinimum)
        {
            Report(pointer, $"The value {text} must be greater than {Format(exclusiveMinimum.Value)}.");
        }

        if (value >= exclusiveMaximum)
        {
            Report(pointer, $"The value {text} must be less than {Format(exclusiveMaximum.Value)}.");
        }

        if (multipleOf is { } divisor && !IsMultipleOf(value, divisor))
        {
            Report(pointer, $"The value {text} is not a multiple of {Format(divisor)}.");
        }
    }

    /// <summary>Checks how many items an array has.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="minItems">The fewest items, if limited.</param>
    /// <param name="maxItems">The most items, if limited.</param>
    public void CheckItemCount(int count, string pointer, long? minItems, long? maxItems)
    {
        if (count < minItems)
        {
            Report(pointer, $"The array has {Count(count, "item")}; it must have at least {Count(minItems.Value, "item")}.");
        }

        if (count > maxItems)
        {
            Report(pointer, $"The array has {Count(count, "item")}; it must have at most {Count(maxItems.Value, "item")}.");
        }
    }

    /// <summary>Checks how many properties an object has.</summary>
    /// <param name="element">The object; other values are left alone.</param>
    /// <param name="pointer">Where.</param>
    /// <param name="minProperties">The fewest properties, if limited.</param>
    /// <param name="maxProperties">The most properties, if limited.</param>
    public void CheckPropertyCount(JsonElement element, string pointer, long? minProperties, long? maxProperties)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var count = 0;
        foreach (var unused in element.EnumerateObject())
        {
            count++;
        }

        if (count < minProperties)
        {
            Report(pointer, $"The object has {Count(count, "property")}; it must have at least {Count(minProperties.Value, "property")}.");
        }

        if (count > maxProperties)
        {
            Report(pointer, $"The object has {Count(count, "property")}; it must have at most {Count(maxProperties.Value, "property")}.");
        }
    }

    /// <summary>Checks that no two items of an array are equal as JSON.</summary>
    /// <param name="array">The array.</param>
    /// <param name="pointer">Where.</param>
    public void CheckUniqueItems(JsonElement array, string pointer)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var items = new List<JsonElement>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (SkillJson.DeepEquals(items[i], item))
                {
                    Report(Append(pointer, items.Count), $"This item repeats item {i}; the items must be unique.");
                    break;
                }
            }

            items.Add(item);
        }
    }

    private bool Expect(JsonElement element, JsonValueKind kind, string expected, string pointer)
    {
        if (element.ValueKind == kind)
        {
            return true;
        }

        Report(pointer, $"Expected {expected} but found {Describe(element)}.");
        return false;
    }

    private static bool IsMultipleOf(double value, double divisor)
    {
        if (divisor <= 0)
        {
            return true;
        }

        var quotient = value / divisor;
        return double.IsFinite(quotient) && Math.Abs(quotient - Math.Round(quotient)) <= 1e-9 * Math.Max(1, Math.Abs(quotient));
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Excerpt(element.GetString()!)}\"",
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>At most the first 40 characters of a value, for messages; the dynamic checks (SchemaViolations) cut values the same way.</summary>
    internal static string Excerpt(string value)
    {
        if (value.Length <= ExcerptLength)
        {
            return value;
        }

        // Never cut a surrogate pair in half.
        var length = char.IsHighSurrogate(value[ExcerptLength - 1]) ? ExcerptLength - 1 : ExcerptLength;
        return value[..length] + "…";
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Characters(long count) => Count(count, "character");

    private static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s");

    private static int CodePoints(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value[i - 1], value[i]))
            {
                count--;
            }
        }

        return count;
    }
}
