namespace SkillRt.Scanning.Engine;

/// <summary>Recognises native executable and library formats by their magic numbers.</summary>
internal static class NativeFormats
{
    /// <summary>The format's name (<c>ELF</c>, <c>PE (Windows)</c>, <c>Mach-O</c>), or <see langword="null"/>.</summary>
    public static string? Detect(byte[] content)
    {
        if (content.Length < 4)
        {
            return null;
        }

        if (content[0] == 0x7F && content[1] == (byte)'E' && content[2] == (byte)'L' && content[3] == (byte)'F')
        {
            return "ELF";
        }

        if (content[0] == (byte)'M' && content[1] == (byte)'Z' && IsPortableExecutable(content))
        {
            return "PE (Windows)";
        }

        var magic = (uint)(content[0] << 24 | content[1] << 16 | content[2] << 8 | content[3]);
        switch (magic)
        {
            case 0xFEEDFACE:
            case 0xFEEDFACF:
            case 0xCEFAEDFE:
            case 0xCFFAEDFE:
                return "Mach-O";
            case 0xCAFEBABE:
                // Also a Java class file; a Mach-O universal binary has a small architecture count next.
                return content.Length >= 8 && content[4] == 0 && content[5] == 0 && content[6] == 0 && content[7] is > 0 and < 20 ? "Mach-O universal" : "Java class";
            case 0x0061736D:
                return "WebAssembly";
        }

        return null;
    }

    // "MZ" alone starts plenty of text; a PE file's DOS header points (e_lfanew, at 0x3C) at "PE\0\0".
    private static bool IsPortableExecutable(byte[] content)
    {
        if (content.Length < 0x40)
        {
            return false;
        }

        var offset = content[0x3C] | content[0x3D] << 8 | content[0x3E] << 16 | content[0x3F] << 24;
        return offset >= 0x40 && offset <= content.Length - 4
            && content[offset] == (byte)'P' && content[offset + 1] == (byte)'E' && content[offset + 2] == 0 && content[offset + 3] == 0;
    }
}
