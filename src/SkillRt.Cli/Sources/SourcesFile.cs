using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Cli.Sources;

/// <summary>
/// <c>sources.json</c>: the registries the user configured and which one is the default. No keys
/// here (they are in <see cref="CredentialsFile"/>), so this file can be shown, shared or committed.
/// <code>
/// {
///   "defaultSource": "local",
///   "sources": [ { "name": "local", "url": "http://127.0.0.1:5480/v3/index.json" } ]
/// }
/// </code>
/// </summary>
internal sealed class SourcesFile
{
    public const string FileName = "sources.json";

    private SourcesFile(string path, List<RegistrySource> sources, string? defaultName)
    {
        Path = path;
        Sources = sources;
        DefaultName = defaultName;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The sources, in the order they were added.</summary>
    public List<RegistrySource> Sources { get; }

    /// <summary>The name of the default source, as written; it may name no source if the file was edited by hand.</summary>
    public string? DefaultName { get; set; }

    /// <summary>Reads the file in <paramref name="directory"/>; a missing file is an empty list.</summary>
    public static SourcesFile Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        using var document = ConfigJson.Read(path);
        if (document is null)
        {
            return new SourcesFile(path, [], null);
        }

        var root = document.RootElement;
        var sources = new List<RegistrySource>();
        if (root.TryGetProperty("sources", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw ConfigJson.Invalid(path, "\"sources\" must be an array of { \"name\", \"url\" } objects");
            }

            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"sources[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw ConfigJson.Invalid(path, $"{where} must be an object with \"name\" and \"url\"");
                }

                var name = ConfigJson.GetString(entry, "name", path, where) ?? throw ConfigJson.Invalid(path, $"{where} has no \"name\"");
                var url = ConfigJson.GetString(entry, "url", path, where) ?? throw ConfigJson.Invalid(path, $"{where} ('{name}') has no \"url\"");
                if (RegistrySource.NameProblem(name) is { } nameProblem)
                {
                    throw ConfigJson.Invalid(path, $"{where}.name: {nameProblem}");
                }

                if (RegistrySource.NormalizeUrl(url, out var urlProblem) is null)
                {
                    throw ConfigJson.Invalid(path, $"{where}.url: {urlProblem}");
                }

                if (sources.Any(source => string.Equals(source.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw ConfigJson.Invalid(path, $"{where}: the name '{name}' is used twice");
                }

                sources.Add(new RegistrySource(name, url));
            }
        }

        return new SourcesFile(path, sources, ConfigJson.GetString(root, "defaultSource", path, "the file"));
    }

    /// <summary>The source named <paramref name="name"/> (case-insensitive), or null.</summary>
    public RegistrySource? Find(string name) =>
        Sources.FirstOrDefault(source => string.Equals(source.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The source with the service index <paramref name="url"/>, or null.</summary>
    public RegistrySource? FindByUrl(string url) =>
        Sources.FirstOrDefault(source => string.Equals(source.Url.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes the file atomically (readable by others: it holds no secret).</summary>
    public void Write()
    {
        var content = ConfigJson.Write(writer =>
        {
            writer.WriteStartObject();
            if (DefaultName is not null)
            {
                writer.WriteString("defaultSource", DefaultName);
            }

            writer.WriteStartArray("sources");
            foreach (var source in Sources)
            {
                writer.WriteStartObject();
                writer.WriteString("name", source.Name);
                writer.WriteString("url", source.Url);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        AtomicFile.Write(Path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
