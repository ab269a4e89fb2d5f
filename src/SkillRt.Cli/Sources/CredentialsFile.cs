using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Cli.Sources;

/// <summary>
/// <c>credentials.json</c>: one API key per source, by the source's service index URL (so renaming a
/// source keeps its key). Written with mode 0600 from the moment it exists, never edited in place.
/// <code>
/// { "keys": [ { "source": "http://127.0.0.1:5480/v3/index.json", "key": "skr_…" } ] }
/// </code>
/// </summary>
internal sealed class CredentialsFile
{
    public const string FileName = "credentials.json";

    /// <summary>Owner read and write only: the file holds secrets.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Dictionary<string, string> _keys;

    private CredentialsFile(string path, Dictionary<string, string> keys)
    {
        Path = path;
        _keys = keys;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Reads the file in <paramref name="directory"/>; a missing file holds no keys.</summary>
    public static CredentialsFile Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = ConfigJson.Read(path);
        if (document is not null && document.RootElement.TryGetProperty("keys", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw ConfigJson.Invalid(path, "\"keys\" must be an array of { \"source\", \"key\" } objects");
            }

            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"keys[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw ConfigJson.Invalid(path, $"{where} must be an object with \"source\" and \"key\"");
                }

                var source = ConfigJson.GetString(entry, "source", path, where) ?? throw ConfigJson.Invalid(path, $"{where} has no \"source\"");
                var key = ConfigJson.GetString(entry, "key", path, where) ?? throw ConfigJson.Invalid(path, $"{where} has no \"key\"");
                keys[Normalize(source)] = key;
            }
        }

        return new CredentialsFile(path, keys);
    }

    /// <summary>The key stored for <paramref name="source"/>, or null.</summary>
    public string? KeyFor(RegistrySource source) => _keys.GetValueOrDefault(Normalize(source.Url));

    /// <summary>Stores (or replaces) the key for <paramref name="source"/>.</summary>
    public void Set(RegistrySource source, string key) => _keys[Normalize(source.Url)] = key;

    /// <summary>Forgets the key for <paramref name="source"/>; false when there was none.</summary>
    public bool Remove(RegistrySource source) => _keys.Remove(Normalize(source.Url));

    /// <summary>Writes the file atomically with mode 0600.</summary>
    public void Write()
    {
        var content = ConfigJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var (source, key) in _keys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("source", source);
                writer.WriteString("key", key);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        AtomicFile.Write(Path, content, Mode);
    }

    private static string Normalize(string url) => url.TrimEnd('/');
}
