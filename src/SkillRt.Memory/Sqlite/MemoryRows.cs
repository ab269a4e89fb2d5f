using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SkillRt.Memory.Sqlite;

/// <summary>Reading memories from rows and writing their columns: one column list for every query.</summary>
internal static class MemoryRows
{
    public const string Columns =
        "m.seq, m.id, m.namespace, m.kind, m.key, m.value, m.text, m.tags, m.content_hash, m.prov_api_key, m.prov_skill, " +
        "m.prov_skill_version, m.prov_client, m.created_at, m.updated_at, m.last_read_at, m.valid_from, m.version, m.state, m.archived_at";

    public const string HistoryColumns =
        "h.id, h.namespace, h.kind, h.key, h.value, h.text, h.tags, h.content_hash, h.prov_api_key, h.prov_skill, " +
        "h.prov_skill_version, h.prov_client, h.created_at, h.updated_at, h.valid_from, h.valid_to, h.version";

    public static StoredMemory Read(SqliteDataReader reader) => new(reader.GetInt64(0), new MemoryRecord
    {
        Id = reader.GetString(1),
        Namespace = reader.GetString(2),
        Kind = reader.GetString(3),
        Key = reader.IsDBNull(4) ? null : reader.GetString(4),
        Value = ParseValue(reader.GetString(5)),
        Text = reader.GetString(6),
        Tags = ParseTags(reader.GetString(7)),
        ContentHash = reader.GetString(8),
        Provenance = ReadProvenance(reader, 9),
        CreatedAt = Time(reader.GetInt64(13)),
        UpdatedAt = Time(reader.GetInt64(14)),
        LastReadAt = reader.IsDBNull(15) ? null : Time(reader.GetInt64(15)),
        ValidFrom = Time(reader.GetInt64(16)),
        Version = reader.GetInt64(17),
        State = (MemoryState)reader.GetInt32(18),
        ArchivedAt = reader.IsDBNull(19) ? null : Time(reader.GetInt64(19)),
    });

    public static MemoryRecord ReadHistory(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Namespace = reader.GetString(1),
        Kind = reader.GetString(2),
        Key = reader.IsDBNull(3) ? null : reader.GetString(3),
        Value = ParseValue(reader.GetString(4)),
        Text = reader.GetString(5),
        Tags = ParseTags(reader.GetString(6)),
        ContentHash = reader.GetString(7),
        Provenance = ReadProvenance(reader, 8),
        CreatedAt = Time(reader.GetInt64(12)),
        UpdatedAt = Time(reader.GetInt64(13)),
        ValidFrom = Time(reader.GetInt64(14)),
        ValidTo = Time(reader.GetInt64(15)),
        Version = reader.GetInt64(16),
        State = MemoryState.Superseded,
    };

    private static MemoryProvenance ReadProvenance(SqliteDataReader reader, int first)
    {
        string? At(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var provenance = new MemoryProvenance { ApiKeyId = At(first), SkillName = At(first + 1), SkillVersion = At(first + 2), Client = At(first + 3) };
        return provenance.ApiKeyId is null && provenance.SkillName is null && provenance.SkillVersion is null && provenance.Client is null
            ? MemoryProvenance.None
            : provenance;
    }

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    public static JsonElement ParseValue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<string> ParseTags(string json)
    {
        using var document = JsonDocument.Parse(json);
        var tags = new List<string>(document.RootElement.GetArrayLength());
        foreach (var tag in document.RootElement.EnumerateArray())
        {
            tags.Add(tag.GetString()!);
        }

        return tags;
    }

    public static string TagsJson(IEnumerable<string> tags)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var tag in tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static object Db(string? value) => (object?)value ?? DBNull.Value;

    public static object Db(long? value) => (object?)value ?? DBNull.Value;

    public static object Db(byte[]? value) => (object?)value ?? DBNull.Value;
}

/// <summary>A memory with its row number (the full-text index's rowid).</summary>
internal sealed record StoredMemory(long Seq, MemoryRecord Record);
