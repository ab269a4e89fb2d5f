using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using SkillRt.Signing.Minisign;

namespace SkillRt.Cli.Install;

/// <summary>
/// The keys that may sign a package, as a registry serves them at <c>api/v2/packages/{id}/signing-keys</c>:
/// the package's owner, whether it requires signatures, and its keys by key ID (revoked ones included).
/// </summary>
internal sealed record OwnerSigningKeys(string Owner, bool RequireSignatures, IReadOnlyDictionary<string, RegisteredSigningKey> Keys)
{
    /// <summary>
    /// Reads the key list. Keys that are not minisign public keys are left out (they cannot have signed
    /// anything). Throws <see cref="JsonException"/>, <see cref="KeyNotFoundException"/>,
    /// <see cref="InvalidOperationException"/> or <see cref="FormatException"/> for a document that is not a key list.
    /// </summary>
    public static OwnerSigningKeys Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var owner = root.GetProperty("owner").GetString() ?? "?";
        var require = root.TryGetProperty("requireSignatures", out var requireElement) && requireElement.ValueKind == JsonValueKind.True;
        var keys = new Dictionary<string, RegisteredSigningKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in root.GetProperty("keys").EnumerateArray())
        {
            var text = item.GetProperty("publicKey").GetString();
            if (!MinisignPublicKey.TryParse(text, "the registry's key list", out var publicKey, out _))
            {
                continue;
            }

            var revoked = item.TryGetProperty("revokedAt", out var revokedElement) && revokedElement.ValueKind == JsonValueKind.String
                ? revokedElement.GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : null;
            keys[publicKey.KeyId.ToString()] = new RegisteredSigningKey(publicKey, revoked);
        }

        return new OwnerSigningKeys(owner, require, keys);
    }

    /// <summary>Whether <paramref name="exception"/> is one <see cref="Parse"/> throws for a document that is not a key list.</summary>
    public static bool IsUnreadable(Exception exception) =>
        exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException;
}
