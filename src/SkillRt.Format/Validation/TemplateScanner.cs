using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>
/// Checks a Liquid body without a Liquid engine (the generator cannot carry one), for what is certain
/// to fail every run that renders it: variables that are not inputs (the root names of
/// <c>{{ … }}</c> outputs and of tag arguments, minus names that tags introduce, such as
/// <c>for x in</c>, <c>assign x =</c>, <c>capture x</c>), block tags that are never closed or close
/// the wrong block, and tags the runtime's Liquid does not have. Text inside <c>{% raw %}</c> and
/// <c>{% comment %}</c> is skipped.
/// </summary>
internal static class TemplateScanner
{
    // The block tags of the runtime's Liquid (Fluid), and what may appear between each and its end.
    private static readonly Dictionary<string, string[]> Blocks = new(StringComparer.Ordinal)
    {
        ["if"] = ["elsif", "else"],
        ["unless"] = ["else"],
        ["case"] = ["when", "else"],
        ["for"] = ["else"],
        ["tablerow"] = [],
        ["capture"] = [],
        ["ifchanged"] = [],
    };

    // The tags that are not blocks. include and render are Liquid's, but read files, which skill
    // instructions cannot (SKILL0705 says so).
    private static readonly HashSet<string> SimpleTags = new(StringComparer.Ordinal)
    {
        "assign", "break", "continue", "cycle", "decrement", "echo", "increment", "liquid",
    };

    /// <summary>Scans <c>text[bodyStart..]</c>, the body, which starts at column 1 of <paramref name="bodyLine"/>.</summary>
    public static void Scan(string text, int bodyStart, int bodyLine, ICollection<string> inputs, List<SkillDiagnostic> diagnostics)
    {
        var body = text;
        if (body.IndexOf('{', bodyStart) < 0)
        {
            return;
        }

        LineMap? lines = null;
        SourceSpan SpanOf(int start, int length)
        {
            lines ??= LineMap.Build(body.Substring(bodyStart));
            return Offset(lines.GetSpan(start - bodyStart, start - bodyStart + length), bodyLine);
        }

        var locals = new HashSet<string>(StringComparer.Ordinal);
        var uses = new List<(string Name, int Start)>();
        var open = new Stack<(string Tag, int Start)>();

        // After the first misplaced or unknown tag the runtime's parse has already failed, and the
        // structure after it means nothing: one report, as the compiler gives for one broken block.
        var structureBroken = false;
        var position = bodyStart;
        while (true)
        {
            var opening = body.IndexOf('{', position);
            if (opening < 0 || opening + 1 >= body.Length)
            {
                break;
            }

            var kind = body[opening + 1];
            if (kind != '{' && kind != '%')
            {
                position = opening + 1;
                continue;
            }

            var closer = kind == '{' ? "}}" : "%}";
            var close = body.IndexOf(closer, opening + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                diagnostics.Add(SkillDiagnosticDescriptors.UnterminatedTemplate.Create(SpanOf(opening, 2), body.Substring(opening, 2), closer));

                // The names used before it are still checked.
                structureBroken = true;
                break;
            }

            var (start, end) = Trim(body, opening + 2, close);
            position = close + 2;
            if (kind == '{')
            {
                TemplateExpression.ReadNames(body, start, end, uses);
                continue;
            }

            var tag = ReadIdentifier(body, start, end);
            var argumentStart = SkipSpaces(body, start + tag.Length, end);
            if (tag.Length == 0 || structureBroken && !IsKnown(tag))
            {
                // '{% # note %}' is an inline comment; '{%%}' is left to the runtime's own message.
                continue;
            }

            switch (tag)
            {
                case "raw" or "comment":
                    var after = FindEndTag(body, position, "end" + tag);
                    if (after < 0 && !structureBroken)
                    {
                        diagnostics.Add(SkillDiagnosticDescriptors.UnclosedTemplateBlock.Create(SpanOf(opening, close + 2 - opening), tag));
                        structureBroken = true;
                    }

                    position = after < 0 ? body.Length : after;
                    continue;
                case "for" or "tablerow":
                    AddLocal(body, argumentStart, end, locals);
                    var inKeyword = body.IndexOf(" in ", argumentStart, end - argumentStart, StringComparison.Ordinal);
                    if (inKeyword >= 0)
                    {
                        TemplateExpression.ReadNames(body, inKeyword + 4, end, uses);
                    }

                    break;
                case "assign":
                    AddLocal(body, argumentStart, end, locals);
                    var equals = body.IndexOf('=', argumentStart, end - argumentStart);
                    if (equals >= 0)
                    {
                        TemplateExpression.ReadNames(body, equals + 1, end, uses);
                    }

                    break;
                case "capture" or "increment" or "decrement":
                    AddLocal(body, argumentStart, end, locals);
                    break;
                case "if" or "elsif" or "unless" or "case" or "when" or "echo" or "cycle":
                    TemplateExpression.ReadNames(body, argumentStart, end, uses);
                    break;
                case "liquid":
                    // {% liquid %} holds one tag per line, without delimiters; only the names it
                    // defines are read, so nothing in it is reported.
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

            if (!structureBroken)
            {
                structureBroken = CheckStructure(tag, SpanOf(opening, close + 2 - opening), opening, open, SpanOf, diagnostics);
            }
        }

        if (!structureBroken && open.Count > 0)
        {
            var (tag, start) = open.Peek();
            var tagEnd = body.IndexOf("%}", start, StringComparison.Ordinal) + 2;
            diagnostics.Add(SkillDiagnosticDescriptors.UnclosedTemplateBlock.Create(SpanOf(start, tagEnd - start), tag));
        }

        foreach (var (name, start) in uses)
        {
            if (!inputs.Contains(name) && !locals.Contains(name))
            {
                diagnostics.Add(SkillDiagnosticDescriptors.UndeclaredTemplateVariable.Create(SpanOf(start, name.Length), name));
            }
        }
    }

    private static bool IsKnown(string tag) =>
        Blocks.ContainsKey(tag) || SimpleTags.Contains(tag) || tag is "raw" or "comment" or "include" or "render"
        || Blocks.Values.Any(inner => Array.IndexOf(inner, tag) >= 0)
        || tag.StartsWith("end", StringComparison.Ordinal) && (Blocks.ContainsKey(tag.Substring(3)) || tag is "endraw" or "endcomment");

    // Follows block nesting; reports the first tag out of place and returns true when it did.
    private static bool CheckStructure(string tag, SourceSpan span, int start, Stack<(string Tag, int Start)> open, Func<int, int, SourceSpan> spanOf, List<SkillDiagnostic> diagnostics)
    {
        if (Blocks.ContainsKey(tag))
        {
            open.Push((tag, start));
            return false;
        }

        if (SimpleTags.Contains(tag))
        {
            return false;
        }

        if (tag is "include" or "render")
        {
            diagnostics.Add(SkillDiagnosticDescriptors.UnavailableTemplateTag.Create(span, tag, $"it reads another template from a file, and skill instructions cannot read files; put the text in the body"));
            return true;
        }

        if (tag.StartsWith("end", StringComparison.Ordinal) && Blocks.ContainsKey(tag.Substring(3)))
        {
            var block = tag.Substring(3);
            if (open.Count == 0)
            {
                diagnostics.Add(SkillDiagnosticDescriptors.MisplacedTemplateTag.Create(span, tag, $"no '{block}' block is open; remove it, or open the block before it"));
                return true;
            }

            var (innermost, openedAt) = open.Peek();
            if (innermost != block)
            {
                diagnostics.Add(SkillDiagnosticDescriptors.MisplacedTemplateTag.Create(span, tag, $"the innermost open block is the '{innermost}' at line {spanOf(openedAt, 2).StartLine}; close it first with '{{% end{innermost} %}}'"));
                return true;
            }

            open.Pop();
            return false;
        }

        var owners = Blocks.Where(block => Array.IndexOf(block.Value, tag) >= 0).Select(block => block.Key).ToArray();
        if (owners.Length > 0)
        {
            if (open.Count > 0 && Array.IndexOf(Blocks[open.Peek().Tag], tag) >= 0)
            {
                return false;
            }

            var where = open.Count == 0 ? "outside any block" : $"directly inside a '{open.Peek().Tag}' block";
            diagnostics.Add(SkillDiagnosticDescriptors.MisplacedTemplateTag.Create(span, tag, $"it belongs in {string.Join(" or ", owners.Select(owner => $"'{owner}'"))}, and it is {where}"));
            return true;
        }

        diagnostics.Add(SkillDiagnosticDescriptors.UnavailableTemplateTag.Create(span, tag, $"Liquid as SkillRt renders it has no such tag; the tags are {string.Join(", ", Blocks.Keys.Concat(SimpleTags).OrderBy(name => name, StringComparer.Ordinal))}, raw and comment"));
        return true;
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
                return -1;
            }

            var close = body.IndexOf("%}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return -1;
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
