using System.Text;

namespace SkillRt.Generators;

/// <summary>
/// Rewrites a JSON Schema <c>pattern</c> (ECMA-262 syntax) so that .NET's regex engine gives the
/// same answers where the two differ in ways a schema author would notice: <c>$</c> matches only at
/// the very end (.NET also matches before a final newline), and <c>\d</c> and <c>\w</c> mean ASCII
/// digits and word characters (.NET includes every Unicode digit and letter).
/// </summary>
internal static class EcmaPattern
{
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
}
