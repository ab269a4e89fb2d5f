#if !SKILL_NATIVE_FRONT
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Memory;

namespace SkillRt.Cli.Commands.Memory;

/// <summary>How the memory commands print a memory: one JSON object for scripts, a short block for people.</summary>
internal static class MemoryOutput
{
    public static void WriteJson(Utf8JsonWriter writer, MemoryRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteString("namespace", record.Namespace);
        writer.WriteString("kind", record.Kind);
        writer.WriteString("key", record.Key);
        writer.WritePropertyName("value");
        record.Value.WriteTo(writer);
        writer.WriteString("text", record.Text);
        writer.WriteStartArray("tags");
        foreach (var tag in record.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteNumber("version", record.Version);
        writer.WriteString("state", record.State.ToString().ToLowerInvariant());
        writer.WriteStartObject("provenance");
        writer.WriteString("skill", record.Provenance.SkillName);
        writer.WriteString("skillVersion", record.Provenance.SkillVersion);
        writer.WriteString("client", record.Provenance.Client);
        writer.WriteEndObject();
        writer.WriteString("createdAt", record.CreatedAt);
        writer.WriteString("updatedAt", record.UpdatedAt);
        writer.WriteString("validFrom", record.ValidFrom);
        if (record.ValidTo is { } validTo)
        {
            writer.WriteString("validTo", validTo);
        }
        else
        {
            writer.WriteNull("validTo");
        }

        writer.WriteEndObject();
    }

    public static async Task WriteTextAsync(TextWriter output, MemoryRecord record)
    {
        var key = record.Key is null ? string.Empty : $" key {record.Key}";
        var until = record.ValidTo is { } validTo ? $", until {Time(validTo)}" : string.Empty;
        await output.WriteLineAsync($"{record.Id}  {record.Namespace}  {record.Kind}{key}  v{record.Version} ({record.State.ToString().ToLowerInvariant()}, from {Time(record.ValidFrom)}{until})").ConfigureAwait(false);
        await output.WriteLineAsync("  " + record.Value.GetRawText()).ConfigureAwait(false);
        if (record.Tags.Count > 0)
        {
            await output.WriteLineAsync("  tags: " + string.Join(", ", record.Tags)).ConfigureAwait(false);
        }
    }

    private static string Time(System.DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
#endif
