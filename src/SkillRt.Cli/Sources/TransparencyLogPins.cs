using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Sources;

/// <summary>
/// <c>transparency-log.json</c> in skillrt's configuration folder: per source (by service index URL,
/// like credentials.json), the registry's log key pinned on first use, as ssh's known_hosts pins host
/// keys, and the last signed checkpoint <c>skillrt verify</c> accepted, so the next verification can
/// prove the log only grew since.
/// <code>
/// { "logs": [ { "source": "http://127.0.0.1:5480/v3/index.json", "key": "origin+1a2b3c4d+AW…", "checkpoint": "origin\n12\n…" } ] }
/// </code>
/// </summary>
internal sealed class TransparencyLogPins
{
    public const string FileName = "transparency-log.json";

    private readonly Dictionary<string, (string Key, string? Checkpoint)> _logs;

    private TransparencyLogPins(string path, Dictionary<string, (string, string?)> logs)
    {
        Path = path;
        _logs = logs;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Reads the file in <paramref name="directory"/>; a missing file pins nothing.</summary>
    public static TransparencyLogPins Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        var logs = new Dictionary<string, (string, string?)>(StringComparer.OrdinalIgnoreCase);
        using var document = ConfigJson.Read(path);
        if (document is not null && document.RootElement.TryGetProperty("logs", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw ConfigJson.Invalid(path, "\"logs\" must be an array of { \"source\", \"key\", \"checkpoint\" } objects");
            }

            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"logs[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw ConfigJson.Invalid(path, $"{where} must be an object with \"source\", \"key\" and \"checkpoint\"");
                }

                var source = ConfigJson.GetString(entry, "source", path, where) ?? throw ConfigJson.Invalid(path, $"{where} has no \"source\"");
                var key = ConfigJson.GetString(entry, "key", path, where) ?? throw ConfigJson.Invalid(path, $"{where} has no \"key\"");
                logs[Normalize(source)] = (key, ConfigJson.GetString(entry, "checkpoint", path, where));
            }
        }

        return new TransparencyLogPins(path, logs);
    }

    /// <summary>The pinned key and last checkpoint of <paramref name="source"/>'s log, or nulls.</summary>
    public (string? Key, string? Checkpoint) For(RegistrySource source) =>
        _logs.TryGetValue(Normalize(source.Url), out var pin) ? pin : (null, null);

    /// <summary>Pins <paramref name="key"/> for <paramref name="source"/> and remembers <paramref name="checkpoint"/> (null keeps the one stored).</summary>
    public void Set(RegistrySource source, string key, string? checkpoint)
    {
        var url = Normalize(source.Url);
        _logs[url] = (key, checkpoint ?? (_logs.TryGetValue(url, out var old) && old.Key == key ? old.Checkpoint : null));
    }

    /// <summary>Forgets what is pinned for <paramref name="source"/>; false when nothing was.</summary>
    public bool Remove(RegistrySource source) => _logs.Remove(Normalize(source.Url));

    /// <summary>Changes the file under the configuration folder's lock, reading it again first.</summary>
    public static async Task UpdateAsync(Action<TransparencyLogPins> change, CancellationToken cancellationToken)
    {
        var directory = ConfigLocation.Resolve();
        using var configLock = await ConfigLock.AcquireAsync(directory, cancellationToken).ConfigureAwait(false);
        var pins = Read(directory);
        change(pins);
        try
        {
            pins.Write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"cannot write '{pins.Path}': {exception.Message}; check the folder's permissions and free space.",
                exception.ToString(),
                exception);
        }
    }

    private void Write()
    {
        var content = ConfigJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("logs");
            foreach (var (source, (key, checkpoint)) in _logs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("source", source);
                writer.WriteString("key", key);
                if (checkpoint is null)
                {
                    writer.WriteNull("checkpoint");
                }
                else
                {
                    writer.WriteString("checkpoint", checkpoint);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        AtomicFile.Write(Path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Normalize(string url) => url.TrimEnd('/');
}
