using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
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

    // ECMAScript Number::toString: integers below 1e21 in full, other values in the shortest form
    // that reads back as the same double, with a lowercase exponent and an explicit sign.
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

        if (Math.Floor(number) == number && Math.Abs(number) < 1e21)
        {
            return new BigInteger(number).ToString(CultureInfo.InvariantCulture);
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOf('E');
        if (exponent < 0)
        {
            return text;
        }

        var mantissa = text.Substring(0, exponent);
        var power = int.Parse(text.Substring(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (power is > -7 and < 21)
        {
            // Within ECMAScript's plain range: decimal notation. decimal holds these exactly as printed.
            return ((decimal)number).ToString(CultureInfo.InvariantCulture);
        }

        return mantissa + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString(CultureInfo.InvariantCulture);
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
