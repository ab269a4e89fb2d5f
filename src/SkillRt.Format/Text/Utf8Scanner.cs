namespace SkillRt;

/// <summary>
/// Finds the first byte that makes a buffer invalid UTF-8 text. A strict decoder would throw
/// without saying where; the validator needs the offset to point at the line.
/// </summary>
internal static class Utf8Scanner
{
    /// <summary>Returns the offset of the first invalid byte, or -1 when the buffer is valid UTF-8.</summary>
    public static int FindInvalidByte(byte[] bytes, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            int length;
            int min;
            if ((b & 0xE0) == 0xC0)
            {
                length = 2;
                min = 0x80;
            }
            else if ((b & 0xF0) == 0xE0)
            {
                length = 3;
                min = 0x800;
            }
            else if ((b & 0xF8) == 0xF0)
            {
                length = 4;
                min = 0x10000;
            }
            else
            {
                return i;
            }

            if (i + length > end)
            {
                return i;
            }

            var codePoint = b & (0xFF >> (length + 1));
            for (var k = 1; k < length; k++)
            {
                var next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return i;
                }

                codePoint = (codePoint << 6) | (next & 0x3F);
            }

            // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
            if (codePoint < min || codePoint is >= 0xD800 and <= 0xDFFF || codePoint > 0x10FFFF)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }
}
