using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Reads the variables a Liquid expression looks up: in <c>a.b | append: c, limit: 3</c>, <c>a</c>
/// and <c>c</c>. Skipped: string and number literals, properties after a dot, filter names after
/// <c>|</c>, named arguments before <c>:</c>, and Liquid's operators and literals. Every name it
/// returns is one that Fluid's strict rendering looks up, so an undeclared one fails the run.
/// </summary>
internal static class TemplateExpression
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "contains", "in", "reversed", "with", "as",
        "forloop", "tablerowloop", "true", "false", "nil", "null", "empty", "blank",
    };

    /// <summary>Adds each looked-up variable in <c>body[start..end)</c> to <paramref name="uses"/>, with its offset.</summary>
    public static void ReadNames(string body, int start, int end, List<(string Name, int Start)> uses)
    {
        var afterPipe = false;
        var i = start;
        while (i < end)
        {
            var c = body[i];
            if (c is '\'' or '"')
            {
                var close = body.IndexOf(c, i + 1, end - i - 1);
                i = close < 0 ? end : close + 1;
                afterPipe = false;
                continue;
            }

            if (char.IsDigit(c))
            {
                // A number, including the '1' of a range '(1..n)': stop before '..' so 'n' is read.
                while (i < end && (char.IsDigit(body[i]) || (body[i] == '.' && i + 1 < end && char.IsDigit(body[i + 1]))))
                {
                    i++;
                }

                afterPipe = false;
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var nameStart = i;
                while (i < end && (char.IsLetterOrDigit(body[i]) || body[i] == '_' || body[i] == '-' || body[i] == '?'))
                {
                    i++;
                }

                var name = body.Substring(nameStart, i - nameStart);
                if (!afterPipe && !IsProperty(body, nameStart) && !IsNamedArgument(body, i, end) && !Keywords.Contains(name))
                {
                    uses.Add((name, nameStart));
                }

                afterPipe = false;
                continue;
            }

            if (c == '|')
            {
                afterPipe = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterPipe = false;
            }

            i++;
        }
    }

    // 'a.b': b is a property. '1..n' is a range, not a property access.
    private static bool IsProperty(string body, int nameStart) =>
        nameStart > 0 && body[nameStart - 1] == '.' && !(nameStart > 1 && body[nameStart - 2] == '.');

    // 'limit: 3' and 'cols: 2' name a parameter, not a variable.
    private static bool IsNamedArgument(string body, int nameEnd, int end)
    {
        var i = nameEnd;
        while (i < end && body[i] == ' ')
        {
            i++;
        }

        return i < end && body[i] == ':';
    }
}
