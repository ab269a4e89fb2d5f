using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Unicode;

/// <summary>
/// SKILLSEC0202: invisible characters inside text: zero-width space (U+200B), word joiner (U+2060),
/// invisible math operators (U+2061–U+2064), the Mongolian vowel separator (U+180E), a byte-order mark
/// (U+FEFF) anywhere but the start, and zero-width (non-)joiners (U+200C, U+200D) between ASCII letters
/// or digits. They split a keyword so a filter misses it (<c>ig&lt;U+200B&gt;nore</c>) or hide data.
/// Joiners between emoji or in Persian and Indic scripts are how those scripts are written and are
/// not reported.
/// </summary>
internal sealed class ZeroWidthCharacterRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0202",
        ScanSeverity.Medium,
        "Invisible zero-width character inside text",
        "Delete the invisible characters; if a word must not break, rephrase instead of joining it invisibly");

    public void Check(ScannedFile file, ScanContext context)
    {
        var text = file.Text;
        if (text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        var lastLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsSuspicious(text, i, c))
            {
                continue;
            }

            var line = file.Lines.LineOf(i);
            if (line == lastLine)
            {
                continue;
            }

            lastLine = line;
            context.Report(Descriptor, "The text holds the invisible character " + Evidence.Name(c) + " inside a line", file.Path, line, Evidence.Around(text, i, 1));
            if (!context.Wants(Descriptor, file.Path))
            {
                return;
            }
        }
    }

    private static bool IsSuspicious(string text, int i, char c)
    {
        switch (c)
        {
            case '\u200B':
            case '\u2060':
            case '\u2061':
            case '\u2062':
            case '\u2063':
            case '\u2064':
            case '\u180E':
                return true;
            case '\uFEFF':
                return i > 0;
            case '\u200C':
            case '\u200D':
                return i > 0 && i + 1 < text.Length && IsAsciiWordCharacter(text[i - 1]) && IsAsciiWordCharacter(text[i + 1]);
            default:
                return false;
        }
    }

    private static bool IsAsciiWordCharacter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';
}
