using System;
using System.Security.Cryptography;

namespace SkillRt.Memory.Writing;

/// <summary>Memory ids: 48 bits of milliseconds then 80 random bits, as 32 lowercase hex characters (time-ordered, unguessable).</summary>
internal static class MemoryIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = now.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)ms;
            ms >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    public static bool IsValid(string? id)
    {
        if (id is not { Length: 32 })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
