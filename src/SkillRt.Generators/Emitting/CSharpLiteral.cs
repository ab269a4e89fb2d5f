using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SkillRt.Generators;

/// <summary>C# literals and doc-comment text for values taken from SKILL.md files.</summary>
internal static class CSharpLiteral
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string NullableString(string? value) => value is null ? "null" : String(value);

    /// <summary>Strings longer than this are written as UTF-8 data (see <see cref="LargeString"/>).</summary>
    private const int LargeStringLength = 512;

    /// <summary>
    /// An expression for a string that may be large (a schema document, a skill's instructions):
    /// past <see cref="LargeStringLength"/> characters, a UTF-8 literal decoded once, since string
    /// literals share one 16 MB heap per assembly (CS8103), which a project with a thousand large
    /// schemas fills, while UTF-8 literals are plain data. Not a constant: use it where an
    /// expression is allowed.
    /// </summary>
    public static string LargeString(string value) =>
        value.Length > LargeStringLength && !HasLoneSurrogate(value)
            ? $"global::System.Text.Encoding.UTF8.GetString({String(value)}u8)"
            : String(value);

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

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
