namespace SkillRt.Templates;

/// <summary>Finds where a template uses a name, so a run-time error can point at the SKILL.md line.</summary>
internal static class TemplateLocator
{
    /// <summary>The one-based line and column of the first use of <paramref name="name"/> inside a <c>{{ }}</c> or <c>{% %}</c>; (1, 0) when not found.</summary>
    public static (int Line, int Column) Find(string body, string name)
    {
        var position = 0;
        while ((position = body.IndexOf('{', position)) >= 0 && position + 1 < body.Length)
        {
            var kind = body[position + 1];
            if (kind is not ('{' or '%'))
            {
                position++;
                continue;
            }

            var close = body.IndexOf(kind == '{' ? "}}" : "%}", position + 2, System.StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            for (var at = body.IndexOf(name, position + 2, close - position - 2, System.StringComparison.Ordinal); at >= 0;
                at = body.IndexOf(name, at + 1, close - at - 1, System.StringComparison.Ordinal))
            {
                if (!IsNamePart(body, at - 1) && !IsNamePart(body, at + name.Length))
                {
                    return LineAndColumn(body, at);
                }
            }

            position = close + 2;
        }

        return (1, 0);
    }

    private static bool IsNamePart(string text, int index) =>
        index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] is '_' or '-' or '.' or '\'' or '"');

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
