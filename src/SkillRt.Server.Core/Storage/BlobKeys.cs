using System;

namespace SkillRt.Server.Storage;

/// <summary>What makes a blob key valid: 64 lowercase hex digits, so a key can never name a path outside the store.</summary>
internal static class BlobKeys
{
    public static bool IsValid(string? sha256)
    {
        if (sha256 is not { Length: 64 })
        {
            return false;
        }

        foreach (var c in sha256)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    public static void Check(string sha256)
    {
        if (!IsValid(sha256))
        {
            throw new ArgumentException("A blob key is the content's SHA-256 as 64 lowercase hex digits.", nameof(sha256));
        }
    }
}
