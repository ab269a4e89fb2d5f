using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillRt;

/// <summary>Writes text as a YAML string scalar that every YAML reader, strict ones included, reads back as that text.</summary>
internal static class YamlStringWriter
{
    /// <summary>
    /// The text as written when SkillRt's own parser reads it back as the same string (so no quotes
    /// are added to an ordinary <c>Read Bash(git:*)</c>), else double-quoted with escapes.
    /// </summary>
    public static string Write(string value) => ReadsBackAsPlain(value) ? value : DoubleQuoted(value);

    /// <summary>A double-quoted YAML scalar: backslash, quote and control characters escaped, everything else as is.</summary>
    public static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    // Controls, DEL, C1 controls, line and paragraph separators and the byte order
                    // mark are not allowed (or not kept) literally in YAML text.
                    if (c < ' ' || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Whether <c>text[start..end)</c> holds NEL, LS or PS, which YAML 1.2 reads as text and YAML 1.1 as line breaks.</summary>
    public static bool HasYaml11LineBreak(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is '\u0085' or '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether YAML 1.1's type repository (what PyYAML resolves plain scalars by) reads this plain
    /// text as something other than a string: a boolean (<c>yes</c>, <c>off</c>), null, an integer
    /// (<c>1_000</c>, <c>0b101</c>, <c>010</c>, <c>1:30</c>), a float or a timestamp (<c>2024-01-01</c>).
    /// </summary>
    public static bool IsYaml11NonString(string plain) => Yaml11NonString.IsMatch(plain);

    private static readonly Regex Yaml11NonString = new(
        "^(?:" +
        "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
        "|~|null|Null|NULL|" +
        "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+" +
        "|[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)" +
        "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?" +
        ")$",
        RegexOptions.CultureInvariant);

    // Asking the parser is simpler and safer than restating YAML's plain-scalar rules (indicators,
    // ': ', ' #', numbers, booleans, null words…).
    private static bool ReadsBackAsPlain(string value)
    {
        if (value.Length == 0 || value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0 ||
            HasYaml11LineBreak(value, 0, value.Length) || IsYaml11NonString(value))
        {
            return false;
        }

        var text = "k: " + value + "\n";
        var diagnostics = new List<SkillDiagnostic>();
        var mapping = YamlParser.Read(text, 0, text.Length, firstLine: 1, diagnostics);
        return diagnostics.Count == 0 && mapping is { Entries.Count: 1 } &&
               mapping.Entries[0].Value is FrontmatterScalar { Kind: FrontmatterScalarKind.String } scalar &&
               string.Equals(scalar.Value, value, System.StringComparison.Ordinal);
    }
}
