using System;
using System.Globalization;
using System.Text;

namespace SkillRt;

/// <summary>Writes a frontmatter tree as compact JSON without depending on System.Text.Json (the generator cannot).</summary>
internal static class FrontmatterJsonWriter
{
    public static void Write(FrontmatterNode node, StringBuilder output) => Write(node, output, null);

    /// <summary>Writes a schema, passing every local <c>$ref</c> ("#/…") through <paramref name="rewriteReference"/> when it is given.</summary>
    public static void Write(FrontmatterNode node, StringBuilder output, Func<string, string>? rewriteReference)
    {
        switch (node)
        {
            case FrontmatterMapping mapping:
                output.Append('{');
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    var entry = mapping.Entries[i];
                    WriteString(entry.Name, output);
                    output.Append(':');
                    if (rewriteReference is not null && entry.Name == "$ref" && entry.Value is FrontmatterScalar { Value: var target } && target.StartsWith("#", StringComparison.Ordinal))
                    {
                        WriteString(rewriteReference(target), output);
                    }
                    else
                    {
                        Write(entry.Value, output, rewriteReference);
                    }
                }

                output.Append('}');
                break;
            case FrontmatterSequence sequence:
                output.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    Write(sequence.Items[i], output, rewriteReference);
                }

                output.Append(']');
                break;
            case FrontmatterScalar scalar:
                WriteScalar(scalar, output);
                break;
        }
    }

    private static void WriteScalar(FrontmatterScalar scalar, StringBuilder output)
    {
        switch (scalar.Kind)
        {
            case FrontmatterScalarKind.Null:
                output.Append("null");
                break;
            case FrontmatterScalarKind.Boolean:
                output.Append(YamlScalars.IsTrue(scalar.Value) ? "true" : "false");
                break;
            case FrontmatterScalarKind.Integer:
                // Exact at any size (nothing goes through double); hex and octal become decimal.
                var digits = YamlScalars.ToDecimalInteger(scalar.Value);
                if (digits.Length > 0)
                {
                    output.Append(digits);
                }
                else
                {
                    WriteString(scalar.Value, output);
                }

                break;
            case FrontmatterScalarKind.Float:
                // JSON has no infinity or NaN: those are written as strings.
                if (YamlScalars.TryGetJsonNumber(scalar.Value, out var number))
                {
                    output.Append(number);
                }
                else
                {
                    WriteString(scalar.Value, output);
                }

                break;
            default:
                WriteString(scalar.Value, output);
                break;
        }
    }

    public static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i))
                    {
                        // Lone surrogates cannot be encoded as UTF-8, so they are escaped.
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

    private static bool IsLoneSurrogate(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(value[index - 1]));
    }
}
