using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SkillRt.Server.Identity;

/// <summary>
/// API key strings: <c>skr_</c> and 43 base64url characters (256 random bits). The prefix lets secret
/// scanners recognise a leaked key; only the SHA-256 of the string is stored.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "skr_";

    private const int SecretBytes = 32;
    private const int HintLength = 12;

    public static string Create() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string Hint(string key) => key[..Math.Min(HintLength, key.Length)] + "…";

    /// <summary>Whether a presented string can be a key at all, before any database lookup.</summary>
    public static bool LooksLikeKey(string? value) =>
        value is { Length: > 4 and < 200 } && value.StartsWith(Prefix, StringComparison.Ordinal);
}
