using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Finds the variables a Liquid body uses, without a Liquid engine (the generator cannot carry one):
/// the root name of every <c>{{ … }}</c> output, minus names that tags introduce
/// (<c>for x in</c>, <c>assign x =</c>, <c>capture x</c>, …) and text inside <c>{% raw %}</c>.
/// </summary>
internal static class TemplateScanner
{
    private static readonly HashSet<string> LiquidWords = new(StringComparer.Ordinal)
    {
        "forloop", "tablerowloop", "true", "false", "nil", "null", "empty", "blank",
    };

    /// <summary>Scans <c>text[bodyStart..]</c>, the body, which starts at column 1 of <paramref name="bodyLine"/>.</summary>
    public static void Scan(string text, int bodyStart, int bodyLine, ICollection<string> inputs, List<SkillDiagnostic> diagnostics)
    {
        var body = text;
        if (body.IndexOf('{', bodyStart) < 0)
        {
            return;
        }

        var locals = new HashSet<string>(StringComparer.Ordinal);
        var uses = new List<(string Name, int Start)>();
        var position = bodyStart;
        while (true)
        {
            var open = body.IndexOf('{', position);
            if (open < 0 || open + 1 >= body.Length)
            {
                break;
            }

            var kind = body[open + 1];
            if (kind != '{' && kind != '%')
            {
                position = open + 1;
                continue;
            }

            var closer = kind == '{' ? "}}" : "%}";
            var close = body.IndexOf(closer, open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                var map = LineMap.Build(body.Substring(bodyStart));
                diagnostics.Add(SkillDiagnosticDescriptors.UnterminatedTemplate.Create(Offset(map.GetSpan(open - bodyStart, open - bodyStart + 2), bodyLine), body.Substring(open, 2), closer));

                // The names used before it are still checked.
                break;
            }

            var (start, end) = Trim(body, open + 2, close);
            if (kind == '{')
            {
                var name = ReadIdentifier(body, start, end);
                if (name.Length > 0)
                {
                    uses.Add((name, start));
                }

                position = close + 2;
                continue;
            }

            var tag = ReadIdentifier(body, start, end);
            var argumentStart = SkipSpaces(body, start + tag.Length, end);
            switch (tag)
            {
                case "raw" or "comment":
                    var endTag = "end" + tag;
                    position = FindEndTag(body, close + 2, endTag);
                    continue;
                case "for" or "tablerow" or "assign" or "capture" or "increment" or "decrement":
                    AddLocal(body, argumentStart, end, locals);
                    break;
                case "liquid":
                    // {% liquid %} holds one tag per line, without delimiters.
                    for (var line = argumentStart; line < end;)
                    {
                        var lineEnd = body.IndexOf('\n', line, end - line);
                        lineEnd = lineEnd < 0 ? end : lineEnd;
                        var (lineStart, lineStop) = Trim(body, line, lineEnd);
                        var lineTag = ReadIdentifier(body, lineStart, lineStop);
                        if (lineTag is "for" or "tablerow" or "assign" or "capture" or "increment" or "decrement")
                        {
                            AddLocal(body, SkipSpaces(body, lineStart + lineTag.Length, lineStop), lineStop, locals);
                        }

                        line = lineEnd + 1;
                    }

                    break;
            }

            position = close + 2;
        }

        if (uses.Count == 0)
        {
            return;
        }

        LineMap? lines = null;
        foreach (var (name, start) in uses)
        {
            if (!inputs.Contains(name) && !locals.Contains(name) && !LiquidWords.Contains(name))
            {
                lines ??= LineMap.Build(body.Substring(bodyStart));
                diagnostics.Add(SkillDiagnosticDescriptors.UndeclaredTemplateVariable.Create(Offset(lines.GetSpan(start - bodyStart, start - bodyStart + name.Length), bodyLine), name));
            }
        }
    }

    private static void AddLocal(string body, int start, int end, HashSet<string> locals)
    {
        var local = ReadIdentifier(body, start, end);
        if (local.Length > 0)
        {
            locals.Add(local);
        }
    }

    private static int FindEndTag(string body, int from, string endTag)
    {
        var position = from;
        while (true)
        {
            var open = body.IndexOf("{%", position, StringComparison.Ordinal);
            if (open < 0)
            {
                return body.Length;
            }

            var close = body.IndexOf("%}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return body.Length;
            }

            var (start, end) = Trim(body, open + 2, close);
            if (ReadIdentifier(body, start, end) == endTag)
            {
                return close + 2;
            }

            position = close + 2;
        }
    }

    // Skips whitespace and Liquid's whitespace-control dashes ({{- x -}}).
    private static (int Start, int End) Trim(string body, int start, int end)
    {
        while (start < end && (char.IsWhiteSpace(body[start]) || body[start] == '-'))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(body[end - 1]) || body[end - 1] == '-'))
        {
            end--;
        }

        return (start, end);
    }

    private static int SkipSpaces(string body, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(body[start]))
        {
            start++;
        }

        return start;
    }

    // A Liquid variable's root: letters, digits, '_' and '-', not starting with a digit (a literal).
    private static string ReadIdentifier(string body, int start, int end)
    {
        if (start >= end || !(char.IsLetter(body[start]) || body[start] == '_'))
        {
            return string.Empty;
        }

        var i = start;
        while (i < end && (char.IsLetterOrDigit(body[i]) || body[i] == '_' || body[i] == '-'))
        {
            i++;
        }

        return body.Substring(start, i - start);
    }

    private static SourceSpan Offset(SourceSpan span, int bodyLine) =>
        new(span.StartLine + bodyLine - 1, span.StartColumn, span.EndLine + bodyLine - 1, span.EndColumn);
}
