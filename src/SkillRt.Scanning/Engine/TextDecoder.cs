using System;
using System.Text;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Decides whether bytes are text and decodes them. UTF-8 (with or without BOM) and UTF-16 with a BOM
/// are text; NUL bytes in the first 8 KiB, or a known executable header, make a file binary. Invalid
/// UTF-8 is decoded with replacement characters rather than called binary, so a mostly-text script
/// cannot escape the text rules with one bad byte.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string? TryDecode(byte[] content)
    {
        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            var encoding = content[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(content, 2, content.Length - 2);
        }

        if (NativeFormats.Detect(content) is not null)
        {
            return null;
        }

        var probe = Math.Min(content.Length, 8192);
        for (var i = 0; i < probe; i++)
        {
            if (content[i] == 0)
            {
                return null;
            }
        }

        var offset = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        return Utf8.GetString(content, offset, content.Length - offset);
    }
}
