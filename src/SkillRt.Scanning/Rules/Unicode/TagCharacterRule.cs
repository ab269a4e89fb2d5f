using System.Text;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Unicode;

/// <summary>
/// SKILLSEC0203: Unicode tag characters (U+E0000–U+E007F). Each mirrors an ASCII character but
/// displays as nothing, so a line can carry a whole hidden sentence that a model reads ("ASCII
/// smuggling"). The finding decodes it. The one legitimate use, an emoji flag tag sequence
/// (U+1F3F4 followed by tags and U+E007F, the flags of England, Scotland and Wales), is not reported.
/// </summary>
internal sealed class TagCharacterRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0203",
        ScanSeverity.High,
        "Hidden Unicode tag characters",
        "Delete the tag characters: they carry text a reader cannot see but a model reads");

    public void Check(ScannedFile file, ScanContext context)
    {
        var text = file.Text;
        if (text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (!IsTag(text, i))
            {
                continue;
            }

            var start = i;
            var hidden = new StringBuilder();
            while (i + 1 < text.Length && IsTag(text, i))
            {
                var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                if (hidden.Length < 200)
                {
                    hidden.Append(codePoint is >= 0xE0020 and <= 0xE007E ? (char)(codePoint - 0xE0000) : '?');
                }

                i += 2;
            }

            if (IsFlagSequence(text, start, i))
            {
                continue;
            }

            context.Report(Descriptor, "The line carries invisible tag characters that spell: \"" + Evidence.Escape(hidden.ToString(), 120) + "\"", file.Path, file.Lines.LineOf(start), Evidence.Around(text, start, 2));
            if (!context.Wants(Descriptor, file.Path))
            {
                return;
            }
        }
    }

    private static bool IsTag(string text, int i) =>
        text[i] == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F';

    // 🏴 (U+1F3F4, D83C DFF4) + up to 6 tag letters/digits + CANCEL TAG (U+E007F).
    private static bool IsFlagSequence(string text, int start, int end) =>
        start >= 2 && text[start - 2] == '\uD83C' && text[start - 1] == '\uDFF4'
        && end - start <= 14 && text[end - 1] == '\uDC7F';
}
