using System.Globalization;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Unicode;

/// <summary>
/// SKILLSEC0201: bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
/// They reorder how text displays, so a reviewer reads one thing and a model or shell gets another
/// ("Trojan Source", CVE-2021-42574). Right-to-left text needs none of them: the Unicode bidi
/// algorithm orders Arabic and Hebrew by itself.
/// </summary>
internal sealed class BidiControlRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0201",
        ScanSeverity.High,
        "Bidirectional control character",
        "Delete the bidi control characters; write right-to-left text as plain characters, which display correctly without them");

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
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                var line = file.Lines.LineOf(i);
                if (line == lastLine)
                {
                    continue;
                }

                lastLine = line;
                context.Report(Descriptor, "The text holds the bidirectional control " + Evidence.Name(c) + " (" + NameOf(c) + "), which makes it display in a different order than it is read", file.Path, line, Evidence.Around(text, i, 1));
                if (!context.Wants(Descriptor, file.Path))
                {
                    return;
                }
            }
        }
    }

    private static string NameOf(char c) => c switch
    {
        '\u202A' => "LEFT-TO-RIGHT EMBEDDING",
        '\u202B' => "RIGHT-TO-LEFT EMBEDDING",
        '\u202C' => "POP DIRECTIONAL FORMATTING",
        '\u202D' => "LEFT-TO-RIGHT OVERRIDE",
        '\u202E' => "RIGHT-TO-LEFT OVERRIDE",
        '\u2066' => "LEFT-TO-RIGHT ISOLATE",
        '\u2067' => "RIGHT-TO-LEFT ISOLATE",
        '\u2068' => "FIRST STRONG ISOLATE",
        '\u2069' => "POP DIRECTIONAL ISOLATE",
        _ => ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
