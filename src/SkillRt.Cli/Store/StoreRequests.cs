using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Store;

/// <summary>
/// <c>{store}/requests.json</c>: what the user asked for when installing from a feed (<c>pr-review@^1.0</c>),
/// and which skills came only as dependencies, so <c>skillrt outdated</c> and <c>skillrt update</c> know
/// the range each skill may move in. One record per skill name, whatever versions are installed. A store
/// without the file (made before it existed, or holding only skills installed from folders) simply has
/// no records; a skill without one is treated as asking for <c>^{installed version}</c>. Rewritten whole
/// under the store lock through a temporary file and a rename, so readers see the old or the new file.
/// </summary>
internal static class StoreRequests
{
    /// <summary>The file's name in the store's root.</summary>
    public const string FileName = "requests.json";

    private const int SchemaVersion = 1;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The records, by skill name; empty when there is no file or it cannot be read (it is advice, not data a command depends on).</summary>
    public static Dictionary<string, RecordedRequest> Read(SkillStore store)
    {
        var records = new Dictionary<string, RecordedRequest>(StringComparer.Ordinal);
        var path = Path.Combine(store.Root, FileName);
        try
        {
            if (!File.Exists(path))
            {
                return records;
            }

            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("skills", out var skills)
                || skills.ValueKind != JsonValueKind.Object)
            {
                return records;
            }

            foreach (var skill in skills.EnumerateObject())
            {
                if (skill.Value.ValueKind != JsonValueKind.Object || !SkillStore.IsStoreName(skill.Name))
                {
                    continue;
                }

                var range = skill.Value.TryGetProperty("range", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var direct = !skill.Value.TryGetProperty("direct", out var d) || d.ValueKind != JsonValueKind.False;
                records[skill.Name] = new RecordedRequest(range, direct);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            // A damaged file is rewritten by the next install; until then every skill counts as unrecorded.
        }

        return records;
    }

    /// <summary>Reads the records under the store lock, lets <paramref name="change"/> edit them, and writes them back whole.</summary>
    public static async Task UpdateAsync(SkillStore store, Action<Dictionary<string, RecordedRequest>> change, CancellationToken cancellationToken)
    {
        var path = Path.Combine(store.Root, FileName);
        var temporary = path + ".tmp";
        try
        {
            using var storeLock = await StoreLock.AcquireAsync(store.Root, LockTimeout, cancellationToken).ConfigureAwait(false);
            var records = Read(store);
            change(records);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("schemaVersion", SchemaVersion);
                writer.WriteStartObject("skills");
                foreach (var (name, record) in records.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(name);
                    if (record.Range is null)
                    {
                        writer.WriteNull("range");
                    }
                    else
                    {
                        writer.WriteString("range", record.Range);
                    }

                    writer.WriteBoolean("direct", record.IsDirect);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(
                ExitCodes.StoreError,
                $"the skills are installed, but what was asked for could not be recorded in '{path}': {exception.Message}; check the folder's permissions and free space (skillrt outdated and update read it).",
                exception.ToString(),
                exception);
        }
    }
}
