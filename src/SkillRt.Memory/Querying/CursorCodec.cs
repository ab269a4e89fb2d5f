using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Memory.Querying;

/// <summary>
/// Opaque, tamper-evident cursors: the position after the last hit (keyset, not offset, so writes
/// between pages neither skip nor repeat hits), the query's fingerprint, and the time the first page
/// ranked at, signed with HMAC-SHA256 under the store's own secret. An altered cursor, one from
/// another store or one reused with other criteria is refused (MEM0008).
/// </summary>
internal sealed class CursorCodec
{
    private const int Version = 1;
    private readonly byte[] _key;

    public CursorCodec(byte[] key) => _key = key;

    public string Encode(CursorPosition position)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("q", position.QueryFingerprint);
            writer.WriteNumber("n", position.RankedAt);
            writer.WriteNumber("u", position.UpdatedAt);
            writer.WriteNumber("s", position.Score);
            writer.WriteString("i", position.Id);
            writer.WriteEndObject();
        }

        var payload = buffer.WrittenSpan.ToArray();
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    public CursorPosition Decode(string cursor, string queryFingerprint)
    {
        var dot = cursor.IndexOf('.');
        if (dot <= 0 || !TryFromBase64Url(cursor[..dot], out var payload) || !TryFromBase64Url(cursor[(dot + 1)..], out var signature))
        {
            throw Invalid("it is not a cursor this store made");
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            throw Invalid("it was altered, or made by another store");
        }

        CursorPosition position;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version)
            {
                throw Invalid("it was made by another version of SkillRt");
            }

            position = new CursorPosition(root.GetProperty("q").GetString()!, root.GetProperty("n").GetInt64(),
                root.GetProperty("u").GetInt64(), root.GetProperty("s").GetDouble(), root.GetProperty("i").GetString()!);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid("its content is malformed");
        }

        if (position.QueryFingerprint != queryFingerprint)
        {
            throw Invalid("it belongs to a query with other criteria");
        }

        return position;
    }

    private static MemoryException Invalid(string why) => new(MemoryErrorCodes.InvalidCursor,
        $"The cursor cannot be used: {why}. Pass back the NextCursor of the previous page unchanged, with the same criteria, or start again without a cursor.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        if (text.Length == 0 || !Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}

/// <summary>Where a page ended: after hit <see cref="Id"/> at this score (ranked queries) or update time (by time).</summary>
internal sealed record CursorPosition(string QueryFingerprint, long RankedAt, long UpdatedAt, double Score, string Id);
