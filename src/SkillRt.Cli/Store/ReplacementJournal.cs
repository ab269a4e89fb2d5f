using System;
using System.IO;
using System.Text.Json;

namespace SkillRt.Cli.Store;

/// <summary>
/// The intent of one <c>install --force</c> replacement, written before its first rename: replacing
/// takes two renames (the old entry aside into <c>.staging/{id}.old</c>, the new one into place), and
/// a process killed between them would leave the version missing from the store. The journal,
/// <c>.staging/{id}.replacing</c>, names both folders, so the next command that takes the store lock
/// can finish or undo the replacement (<see cref="SkillStore"/>). It exists only while its writer
/// holds the store lock, so any journal found under the lock belongs to a dead process.
/// </summary>
/// <param name="Path">The journal file.</param>
/// <param name="Target">The entry being replaced, relative to the store root: <c>skills/{name}/{version}</c>.</param>
/// <param name="Retired">Where the old entry is moved aside to, relative to the store root: <c>.staging/{id}.old</c>.</param>
internal sealed record ReplacementJournal(string Path, string Target, string Retired)
{
    /// <summary>The suffix of a journal file.</summary>
    public const string Suffix = ".replacing";

    /// <summary>The suffix of a journal being written; one left behind was never in force.</summary>
    public const string TemporarySuffix = ".replacing.tmp";

    /// <summary>The suffix of an entry moved out of <c>skills/</c> to be deleted or put back.</summary>
    public const string RetiredSuffix = ".old";

    /// <summary>
    /// Writes the journal of replacing <paramref name="target"/> atomically (whole, or not at all) and
    /// durably, and returns it; its <see cref="Retired"/> folder does not exist yet.
    /// </summary>
    /// <param name="storeRoot">The store's root folder.</param>
    /// <param name="stagingDirectory">The store's <c>.staging</c> folder, which exists.</param>
    /// <param name="target">The entry's folder, under <paramref name="storeRoot"/>.</param>
    public static ReplacementJournal Write(string storeRoot, string stagingDirectory, string target)
    {
        var id = System.IO.Path.GetRandomFileName();
        var journal = new ReplacementJournal(
            System.IO.Path.Combine(stagingDirectory, id + Suffix),
            Relative(storeRoot, target),
            Relative(storeRoot, System.IO.Path.Combine(stagingDirectory, id + RetiredSuffix)));
        var temporary = System.IO.Path.Combine(stagingDirectory, id + TemporarySuffix);
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteString("target", journal.Target);
                writer.WriteString("retired", journal.Retired);
                writer.WriteEndObject();
            }

            // On disk before the rename that puts it in force, so a power cut cannot leave an empty journal.
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, journal.Path);
        return journal;
    }

    /// <summary>
    /// Reads a journal, or returns <see langword="null"/> when it is not one this store wrote (both
    /// paths must be of the shape <see cref="Write"/> gives, so a stray file never moves anything).
    /// </summary>
    public static ReplacementJournal? Read(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String
                && root.TryGetProperty("retired", out var retired) && retired.ValueKind == JsonValueKind.String
                && IsEntry(target.GetString()!)
                && IsRetired(retired.GetString()!))
            {
                return new ReplacementJournal(path, target.GetString()!, retired.GetString()!);
            }
        }
        catch (JsonException)
        {
            // Not a journal; see above.
        }

        return null;
    }

    /// <summary>The absolute path of <see cref="Target"/> or <see cref="Retired"/>.</summary>
    public static string Resolve(string storeRoot, string relative) =>
        System.IO.Path.Combine(storeRoot, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Relative(string storeRoot, string path) =>
        System.IO.Path.GetRelativePath(storeRoot, path).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    // skills/{name}/{version}: three segments, each a plain folder name.
    private static bool IsEntry(string relative)
    {
        var segments = relative.Split('/');
        return segments.Length == 3 && segments[0] == "skills" && SkillStore.IsStoreName(segments[1]) && SkillStore.IsStoreName(segments[2]);
    }

    // .staging/{id}.old
    private static bool IsRetired(string relative)
    {
        var segments = relative.Split('/');
        return segments.Length == 2 && segments[0] == ".staging" && SkillStore.IsStoreName(segments[1]) && segments[1].EndsWith(RetiredSuffix, StringComparison.Ordinal);
    }
}
