using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by their names' UTF-16 code
/// units, no whitespace, minimal string escapes and numbers in ECMAScript's shortest form. Two
/// documents with the same data give the same bytes however their YAML was laid out.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                var first = true;
                foreach (var member in obj.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    WriteString(member.Key, output);
                    output.Append(':');
                    Write(member.Value, output);
                }

                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    Write(array[i], output);
                }

                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
        }
    }

    private static void WriteValue(JsonValue value, StringBuilder output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), output);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Number:
                output.Append(Number(value));
                break;
            default:
                output.Append("null");
                break;
        }
    }

    // ECMAScript's Number::toString (ECMA-262 section 6.1.6.1.20), which RFC 8785 requires: the shortest digits
    // that read back as the same double ('R'), laid out by the position n of the decimal point.
    private static string Number(JsonValue value)
    {
        var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return "null";
        }

        if (number == 0)
        {
            return "0";
        }

        var sign = number < 0 ? "-" : string.Empty;
        var roundTrip = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);

        // Digits and exponent of the shortest form: "R" may print either notation, so normalise it.
        string digits;
        int exponent;
        var e = roundTrip.IndexOf('E');
        var mantissa = e < 0 ? roundTrip : roundTrip.Substring(0, e);
        exponent = e < 0 ? 0 : int.Parse(roundTrip.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integerPart = point < 0 ? mantissa : mantissa.Substring(0, point);
        var fraction = point < 0 ? string.Empty : mantissa.Substring(point + 1);
        digits = (integerPart + fraction).TrimStart('0');
        var leadingZeros = (integerPart + fraction).Length - digits.Length;
        exponent += integerPart.Length - 1 - leadingZeros;
        digits = digits.TrimEnd('0');

        var k = digits.Length;
        var n = exponent + 1;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits.Substring(0, n) + "." + digits.Substring(n);
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        var exponentText = (n - 1 < 0 ? "-" : "+") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return sign + digits.Substring(0, 1) + (k > 1 ? "." + digits.Substring(1) : string.Empty) + "e" + exponentText;
    }

    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }
}
