using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// Key names and key IDs of the C2SP signed-note format: a key is named (the log's origin, by
/// convention), and its ID is the first four bytes of SHA-256(name ‖ '\n' ‖ 0x01 ‖ Ed25519 public key),
/// 0x01 being the Ed25519 signature type. Verifier keys are written
/// <c>name+hex(ID)+base64(0x01 ‖ public key)</c>, signer keys <c>PRIVATE+KEY+name+hex(ID)+base64(0x01 ‖ seed)</c>,
/// the text forms golang.org/x/mod/sumdb/note reads too.
/// </summary>
public static class NoteKeys
{
    /// <summary>The signature-type byte of Ed25519 keys.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>The length of a public key and of a private key's seed.</summary>
    public const int KeyLength = 32;

    /// <summary>The longest key name accepted.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The key ID of the Ed25519 key <paramref name="publicKey"/> named <paramref name="name"/>.</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = (byte)'\n';
        buffer[nameBytes.Length + 1] = Ed25519Type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>Why <paramref name="name"/> cannot name a key (empty, too long, with '+' or white space or a control character), or null.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a key name cannot be empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"a key name has at most {MaxNameLength} characters";
        }

        foreach (var c in name)
        {
            if (c == '+' || char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c))
            {
                return $"the key name '{name}' holds '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString())}'; a name has no '+', white space or control characters";
            }
        }

        return null;
    }

    internal static string Format(string prefix, string name, uint keyId, ReadOnlySpan<byte> key)
    {
        var typed = new byte[1 + key.Length];
        typed[0] = Ed25519Type;
        key.CopyTo(typed.AsSpan(1));
        return prefix + name + "+" + keyId.ToString("x8", CultureInfo.InvariantCulture) + "+" + Convert.ToBase64String(typed);
    }

    /// <summary>Splits <c>name+hex(ID)+base64(0x01 ‖ key)</c>; null with a problem when it is not that.</summary>
    internal static (string Name, uint KeyId, byte[] Key)? Parse(string text, string what, out string? problem)
    {
        // The base64 key may itself hold '+': only the first two separate fields.
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            problem = $"the {what} is not 'name+keyid+base64key'";
            return null;
        }

        if (NameProblem(parts[0]) is { } nameProblem)
        {
            problem = $"the {what}'s name is wrong: {nameProblem}";
            return null;
        }

        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            problem = $"the {what}'s key ID '{parts[1]}' is not 8 hexadecimal digits";
            return null;
        }

        var typed = new byte[1 + KeyLength + 4];
        if (!Convert.TryFromBase64String(parts[2], typed, out var length) || length != 1 + KeyLength || typed[0] != Ed25519Type)
        {
            problem = $"the {what}'s key is not base64 of the Ed25519 type byte and a {KeyLength}-byte key";
            return null;
        }

        problem = null;
        return (parts[0], keyId, typed.AsSpan(1, KeyLength).ToArray());
    }
}
