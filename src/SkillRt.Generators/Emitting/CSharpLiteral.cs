using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SkillRt.Generators;

/// <summary>C# literals and doc-comment text for values taken from SKILL.md files.</summary>
internal static class CSharpLiteral
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string NullableString(string? value) => value is null ? "null" : String(value);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    public static string NullableLong(long? value) => value is { } v ? Long(v) : "null";

    public static string NullableDouble(double? value) => value is { } v ? Double(v) : "null";

    /// <summary>Text for a <c>//</c> comment: anything C# would read as a line break becomes <c>?</c>.</summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // Characters XML forbids (U+FFFE, U+FFFF, unpaired surrogates) would make the doc comment invalid (CS1570).
            if (c is '\uFFFE' or '\uFFFF' ||
                (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))) ||
                (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]))))
            {
                builder.Append('?');
                continue;
            }

            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    builder.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }
}
