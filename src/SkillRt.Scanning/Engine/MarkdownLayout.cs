using System;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// For each line of a Markdown file: whether it is frontmatter, inside an HTML comment, or inside a
/// fenced code block and of which language. The permission rules read code blocks as the language they
/// claim (a <c>```bash</c> block is shell), and the prompt-injection rules look hard at comments, which
/// a rendered page hides from people but a model still reads.
/// </summary>
internal sealed class MarkdownLayout
{
    private readonly LineKind[] _kinds;
    private readonly FileLanguage?[] _languages;

    public MarkdownLayout(TextLines lines)
    {
        _kinds = new LineKind[lines.Count + 1];
        _languages = new FileLanguage?[lines.Count + 1];
        var line = 1;
        if (lines.Count > 1 && lines.Line(1).TrimEnd() == "---")
        {
            _kinds[1] = LineKind.Frontmatter;
            for (line = 2; line <= lines.Count; line++)
            {
                _kinds[line] = LineKind.Frontmatter;
                var text = lines.Line(line).TrimEnd();
                if (text == "---" || text == "...")
                {
                    line++;
                    break;
                }
            }
        }

        string? fence = null;
        var inComment = false;
        for (; line <= lines.Count; line++)
        {
            var text = lines.Line(line);
            var trimmed = text.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().Trim(fence[0]).Length == 0)
                {
                    _kinds[line] = LineKind.Prose;
                    fence = null;
                }
                else
                {
                    _kinds[line] = LineKind.Code;
                    _languages[line] = _languages[line - 1];
                }

                continue;
            }

            if (!inComment && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                var marker = trimmed[0];
                var length = 0;
                while (length < trimmed.Length && trimmed[length] == marker)
                {
                    length++;
                }

                fence = new string(marker, length);
                _kinds[line] = LineKind.Prose;
                _languages[line] = LanguageDetector.FromFence(trimmed.Substring(length)) ?? FileLanguage.Text;
                continue;
            }

            var opens = text.IndexOf("<!--", StringComparison.Ordinal);
            if (inComment || opens >= 0)
            {
                _kinds[line] = LineKind.Comment;
                var closes = text.IndexOf("-->", inComment ? 0 : opens + 4, StringComparison.Ordinal);
                inComment = closes < 0;
                continue;
            }

            _kinds[line] = LineKind.Prose;
        }
    }

    private enum LineKind : byte
    {
        Prose,
        Frontmatter,
        Code,
        Comment,
    }

    public bool IsFrontmatter(int line) => _kinds[line] == LineKind.Frontmatter;

    public bool IsComment(int line) => _kinds[line] == LineKind.Comment;

    /// <summary>The language of the code block holding <paramref name="line"/>, or <see langword="null"/> outside code blocks.</summary>
    public FileLanguage? CodeLanguage(int line) => _kinds[line] == LineKind.Code ? _languages[line] : null;
}
