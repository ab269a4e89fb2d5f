namespace SkillRt.Scanning.Engine;

/// <summary>
/// One line of code in two views of the same length, so a match's index is the same in both:
/// <see cref="Code"/> with the comment blanked, and <see cref="Bare"/> with string literals blanked too
/// (their content replaced by <c>_</c>), for syntax that only counts outside strings (a shell <c>&gt;</c>).
/// Heuristic and single-line: a string that spans lines is read as code, which errs towards reporting.
/// </summary>
internal readonly struct CodeLine
{
    private CodeLine(string code, string bare)
    {
        Code = code;
        Bare = bare;
    }

    public string Code { get; }

    public string Bare { get; }

    public static CodeLine Parse(string line, FileLanguage language)
    {
        var code = line.ToCharArray();
        var bare = line.ToCharArray();
        char quote = '\0';
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote != '\'' && i + 1 < code.Length)
                {
                    bare[i] = '_';
                    bare[i + 1] = '_';
                    i++;
                    continue;
                }

                if (c == quote)
                {
                    quote = '\0';
                    continue;
                }

                bare[i] = '_';
                continue;
            }

            if (c is '"' or '\'' || (c == '`' && language == FileLanguage.JavaScript))
            {
                quote = c;
                continue;
            }

            if (IsCommentStart(code, i, language))
            {
                for (var j = i; j < code.Length; j++)
                {
                    code[j] = ' ';
                    bare[j] = ' ';
                }

                break;
            }
        }

        return new CodeLine(new string(code), new string(bare));
    }

    private static bool IsCommentStart(char[] line, int i, FileLanguage language)
    {
        switch (language)
        {
            case FileLanguage.JavaScript:
                return line[i] == '/' && i + 1 < line.Length && line[i + 1] == '/' && (i == 0 || line[i - 1] != ':');
            case FileLanguage.Shell:
                // '#' starts a comment only at the start of a word: $# and ${#x} are not comments.
                return line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]) || line[i - 1] == ';');
            case FileLanguage.Python:
            case FileLanguage.PowerShell:
                return line[i] == '#';
            default:
                return false;
        }
    }
}
