using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>The normalised content hash that finds exact duplicates: kind, canonical value and normalised text.</summary>
internal static class ContentHash
{
    public static string Compute(string kind, JsonElement value, string text)
    {
        var content = kind + "\n" + CanonicalJson.Write(value) + "\n" + TextForm.Normalise(text);
        return "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
    }
}
