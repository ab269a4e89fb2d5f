using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Lays a JSON tree out as block-style YAML that SkillRt's YAML parser (and any YAML 1.2 reader) reads
/// back as the same data: multi-line text as literal blocks, short lists of simple words in flow style,
/// and every string that could read as something else quoted (through SkillRt.Format's YamlStringWriter).
/// </summary>
internal sealed class YamlEmitter
{
    private const int IndentStep = 2;
    private const int FlowListWidth = 100;
    private readonly StringBuilder _output;

    private YamlEmitter(StringBuilder output) => _output = output;

    public static string Write(JsonObject root, string? header = null)
    {
        var builder = new StringBuilder(4096);
        if (header is not null)
        {
            builder.Append(header);
        }

        new YamlEmitter(builder).WriteMappingBody(root, 0);
        return builder.ToString();
    }

    // Writes the members of a non-empty mapping, each on its own line at the indentation given; the
    // caller has placed the cursor at that indentation for the first member.
    private void WriteMappingBody(JsonObject mapping, int indent)
    {
        var first = true;
        foreach (var (key, value) in mapping)
        {
            if (!first)
            {
                _output.Append(' ', indent);
            }

            first = false;
            _output.Append(Key(key)).Append(':');
            WriteValueAfterKey(value, indent);
        }
    }

    private void WriteSequenceBody(JsonArray sequence, int indent)
    {
        var first = true;
        foreach (var item in sequence)
        {
            if (!first)
            {
                _output.Append(' ', indent);
            }

            first = false;
            _output.Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } mapping:
                    WriteMappingBody(mapping, indent + IndentStep);
                    break;
                case JsonArray { Count: > 0 } nested when !TryFlow(nested, out _):
                    WriteSequenceBody(nested, indent + IndentStep);
                    break;
                default:
                    WriteInline(item, indent + IndentStep);
                    break;
            }
        }
    }

    private void WriteValueAfterKey(JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } mapping:
                _output.Append('\n').Append(' ', indent + IndentStep);
                WriteMappingBody(mapping, indent + IndentStep);
                break;
            case JsonArray { Count: > 0 } sequence when !TryFlow(sequence, out _):
                // A block sequence under a key may sit at the key's own indentation (YAML's compact form).
                _output.Append('\n').Append(' ', indent);
                WriteSequenceBody(sequence, indent);
                break;
            default:
                _output.Append(' ');
                WriteInline(value, indent + IndentStep);
                break;
        }
    }

    // A scalar, an empty collection or a flow list, ending the line. Literal blocks indent to blockIndent.
    private void WriteInline(JsonNode? value, int blockIndent)
    {
        switch (value)
        {
            case null:
                _output.Append("null\n");
                break;
            case JsonObject:
                _output.Append("{}\n");
                break;
            case JsonArray array:
                TryFlow(array, out var flow);
                _output.Append(flow ?? "[]").Append('\n');
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                WriteString(scalar.GetValue<string>(), blockIndent);
                break;
            case JsonValue scalar:
                _output.Append(scalar.ToJsonString()).Append('\n');
                break;
        }
    }

    private void WriteString(string text, int blockIndent)
    {
        if (text.IndexOf('\n') >= 0 && CanWriteLiteral(text))
        {
            var trailing = 0;
            while (trailing < text.Length && text[text.Length - 1 - trailing] == '\n')
            {
                trailing++;
            }

            _output.Append(trailing switch { 0 => "|-", 1 => "|", _ => "|+" }).Append('\n');
            var body = text.Substring(0, text.Length - trailing);
            foreach (var line in body.Split('\n'))
            {
                if (line.Length > 0)
                {
                    _output.Append(' ', blockIndent).Append(line);
                }

                _output.Append('\n');
            }

            // Keep ('|+') reads every trailing line break; one is already written after the last line.
            if (trailing > 1)
            {
                _output.Append('\n', trailing - 1);
            }

            return;
        }

        _output.Append(Scalar(text)).Append('\n');
    }

    // A literal block keeps text exactly when no line starts with a space or tab (that would need an
    // indentation indicator), no line is only blanks, and there is nothing YAML does not carry literally.
    private static bool CanWriteLiteral(string text)
    {
        // Only line breaks: a literal block of empty lines reads back as "" (clip) or needs '|+' with care.
        if (text.Trim('\n').Length == 0)
        {
            return false;
        }

        var lineStart = true;
        var blankLine = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                if (!lineStart && blankLine)
                {
                    return false;
                }

                lineStart = true;
                blankLine = true;
                continue;
            }

            if (lineStart && (c == ' ' || c == '\t'))
            {
                return false;
            }

            if (c == '\r' || (c < ' ' && c != '\t') || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
            {
                return false;
            }

            if (c != ' ' && c != '\t')
            {
                blankLine = false;
            }

            lineStart = false;
        }

        return true;
    }

    private static string Key(string key) => IsSimplePlain(key) ? key : YamlStringWriter.DoubleQuoted(key);

    /// <summary>A single-line scalar: plain when that reads back as the same string, else quoted.</summary>
    internal static string Scalar(string text) => IsSimplePlain(text) ? text : YamlStringWriter.Write(text);

    // Short lists of simple words and numbers ('[a, b]') cost fewer lines and tokens than blocks.
    private static bool TryFlow(JsonArray array, out string? flow)
    {
        flow = null;
        if (array.Count == 0)
        {
            flow = "[]";
            return true;
        }

        var builder = new StringBuilder("[");
        foreach (var item in array)
        {
            if (builder.Length > 1)
            {
                builder.Append(", ");
            }

            switch (item)
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.String && IsFlowWord(value.GetValue<string>()):
                    builder.Append(value.GetValue<string>());
                    break;
                case JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    builder.Append(value.ToJsonString());
                    break;
                default:
                    return false;
            }

            if (builder.Length > FlowListWidth)
            {
                return false;
            }
        }

        flow = builder.Append(']').ToString();
        return true;
    }

    private static bool IsFlowWord(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '@' or '+') || c >= '\u007F')
            {
                return false;
            }
        }

        return !YamlStringWriter.IsYaml11NonString(text);
    }

    // A fast, conservative test for the common case (words and sentences); anything else is left to
    // YamlStringWriter, which asks the parser itself whether the plain form reads back unchanged.
    private static bool IsSimplePlain(string text)
    {
        if (text.Length == 0 || text.Length > 400 || !(char.IsLetter(text[0]) || text[0] is '_' or '/' or '(' or '$'))
        {
            return false;
        }

        if (text[text.Length - 1] == ' ')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.' or '/' or '(' or ')' or ',' or ';' or '?' or '!' or '=' or '+' or '@' or '$' or '%' or '&' or '\'' or '<' or '>' or '~' or '^'))
            {
                return false;
            }

            if (c >= '\u007F' && !char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return !YamlStringWriter.IsYaml11NonString(text);
    }
}
