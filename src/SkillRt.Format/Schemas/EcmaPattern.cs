using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>
/// Rewrites a JSON Schema <c>pattern</c> (ECMA-262 syntax) so that .NET's regex engine gives the
/// same answers where the two differ in ways a schema author would notice: <c>$</c> matches only at
/// the very end (.NET also matches before a final newline), and <c>\d</c> and <c>\w</c> mean ASCII
/// digits and word characters (.NET includes every Unicode digit and letter); and <c>\p{Letter}</c>,
/// ECMA-262's long General_Category names, become the short ones .NET knows (<c>\p{L}</c>).
/// One implementation for the build-time check, the generated readers and the runtime's validator
/// (linked source), so all three match the same strings.
/// </summary>
internal static class EcmaPattern
{
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc",
        ["Enclosing_Mark"] = "Me", ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    public static string ToDotNet(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                if (next is 'p' or 'P' && TryCategory(pattern, i + 1, out var category, out var end))
                {
                    result.Append('\\').Append(next).Append('{').Append(category).Append('}');
                    i = end;
                    continue;
                }

                var replacement = (next, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[a-zA-Z0-9_]",
                    ('W', false) => "[^a-zA-Z0-9_]",
                    ('d', true) => "0-9",
                    ('w', true) => "a-zA-Z0-9_",
                    _ => null,
                };
                result.Append(replacement ?? "\\" + next);

                // In a class, "-" after a class escape ([\w-.]) is a literal; after the expanded range it would start a new one.
                if (replacement is not null && inClass && i + 1 < pattern.Length && pattern[i + 1] == '-')
                {
                    result.Append("\\-");
                    i++;
                }

                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
            }
            else if (c == '[')
            {
                inClass = true;
                result.Append(c);

                // A ']' right after '[' or '[^' is a literal in .NET; keep it inside the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(pattern[++i]);
                }
            }
            else
            {
                result.Append(c == '$' ? "\\z" : c.ToString());
            }
        }

        return result.ToString();
    }

    // "{Letter}", "{General_Category=Letter}" or "{gc=L}" at start: the short category name, and the index of the '}'.
    private static bool TryCategory(string pattern, int start, out string category, out int end)
    {
        category = string.Empty;
        end = start < pattern.Length && pattern[start] == '{' ? pattern.IndexOf('}', start) : -1;
        if (end < 0)
        {
            return false;
        }

        var name = pattern.Substring(start + 1, end - start - 1);
        var equals = name.IndexOf('=');
        if (equals >= 0)
        {
            if (name.Substring(0, equals) is not ("General_Category" or "gc"))
            {
                return false;
            }

            name = name.Substring(equals + 1);
        }

        category = Categories.TryGetValue(name, out var shortName) ? shortName : name;
        return true;
    }
}
