using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>
/// A .nupkg that <c>dotnet pack</c> made with SkillRt: its skills are <c>skills/{name}/</c> folders
/// listed, with the SHA-256 of every file, in <c>skills/index.json</c> (docs/msbuild.md). The package
/// is untrusted input: a damaged archive, an entry whose name climbs out of its folder (zip-slip), a
/// file that does not match its recorded hash, a file or a package that unpacks to more than the
/// <see cref="PackageLimits"/> allow (a zip bomb), each refuses the whole package with one line.
/// Every file is decompressed and checked against its hash before any of its bytes is written, so
/// nothing unverified, and nothing over a limit, ever reaches the disk.
/// </summary>
internal sealed class SkillPackage : IDisposable
{
    /// <summary>The package folder that holds the skill folders.</summary>
    public const string SkillsFolder = "skills/";

    private const string IndexEntry = "skills/index.json";

    // index.json of a package with hundreds of skills and their schemas stays far below this; a bigger one is not an index.
    private const long MaxIndexBytes = 16 * 1024 * 1024;

    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly int _failureExitCode;
    private readonly PackageLimits _limits;

    // What the files extracted so far unpacked to, over every skill of the package: the total limit's count.
    private long _extractedBytes;

    private SkillPackage(ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries, string displayName, int failureExitCode, PackageLimits limits)
    {
        _archive = archive;
        _entries = entries;
        DisplayName = displayName;
        _failureExitCode = failureExitCode;
        _limits = limits;
        HasIndex = entries.ContainsKey(IndexEntry);
        Skills = HasIndex ? ReadIndex() : [];
    }

    /// <summary>How messages name the package: its file, or its ID, version and feed.</summary>
    public string DisplayName { get; }

    /// <summary>Whether the package has <c>skills/index.json</c>, that is, whether SkillRt packed it.</summary>
    public bool HasIndex { get; }

    /// <summary>The skills the index lists, by name.</summary>
    public IReadOnlyList<PackagedSkill> Skills { get; }

    /// <summary>
    /// Opens a package. Every failure is a <see cref="CliException"/> with <paramref name="failureExitCode"/>
    /// (a usage error for a file the user named, a feed error for a download).
    /// </summary>
    /// <param name="stream">The package's bytes; must be seekable. The package does not own it.</param>
    /// <param name="displayName">How messages name the package.</param>
    /// <param name="failureExitCode">The exit code of the errors this package raises.</param>
    /// <param name="limits">How much the package may unpack to; by default <see cref="PackageLimits.FromEnvironment"/>.</param>
    public static SkillPackage Open(Stream stream, string displayName, int failureExitCode, PackageLimits? limits = null)
    {
        limits ??= PackageLimits.FromEnvironment();
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException exception)
        {
            throw new CliException(
                failureExitCode,
                $"'{displayName}' is not a NuGet package: its zip archive is damaged ({exception.Message}); download or pack it again.",
                exception.ToString(),
                exception);
        }

        try
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new CliException(
                    failureExitCode,
                    $"'{displayName}' has {archive.Entries.Count:N0} entries, more than the {limits.MaxEntries:N0} a skill package may have; it was not installed. If you trust the package, raise {PackageLimits.MaxEntriesVariable}.");
            }

            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                // NuGet escapes entry names as URIs (a space is %20); the unescaped name is the file's.
                var name = Uri.UnescapeDataString(entry.FullName);
                if (!IsSafeEntryName(name))
                {
                    throw new CliException(
                        failureExitCode,
                        $"'{displayName}' has an entry that points outside the package ('{name}'), which is how archives overwrite files elsewhere; it was not installed. Get the package from its publisher again and report it.");
                }

                if (name.StartsWith(SkillsFolder, StringComparison.Ordinal) && !entries.TryAdd(name, entry))
                {
                    throw new CliException(failureExitCode, $"'{displayName}' is damaged: it has two entries named '{name}'; pack it again.");
                }
            }

            return new SkillPackage(archive, entries, displayName, failureExitCode, limits);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The skills to install: all of them, or only <paramref name="name"/>. Each copies its listed
    /// files, checking every hash, into the staging folder it is given.
    /// </summary>
    public IReadOnlyList<SkillSource> Sources(string? name = null) =>
        Skills
            .Where(skill => name is null || string.Equals(skill.Name, name, StringComparison.Ordinal))
            .Select(skill => new SkillSource(skill.SkillFileEntry, skill.Name, staging => Extract(skill, staging)))
            .ToList();

    public void Dispose() => _archive.Dispose();

    /// <summary>
    /// A name that, joined to any folder, stays inside it: relative, no <c>..</c> segment, no drive or
    /// stream syntax, no backslash (which Windows reads as a separator).
    /// </summary>
    private static bool IsSafeEntryName(string name) =>
        name.Length > 0
        && name[0] != '/'
        && name.IndexOfAny(['\\', ':', '\0']) < 0
        && !name.Split('/').Any(segment => segment == "..");

    private List<PackagedSkill> ReadIndex()
    {
        var entry = _entries[IndexEntry];
        var tooLarge = $"{IndexEntry} unpacks to more than {PackageLimits.Describe(MaxIndexBytes)}, more than an index can be";

        // The header's length is a claim: refuse a large one at once, and count what really comes out.
        if (entry.Length > MaxIndexBytes)
        {
            throw Damaged(tooLarge);
        }

        JsonDocument json;
        try
        {
            using var stream = entry.Open();
            var text = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (text.Length + read > MaxIndexBytes)
                {
                    throw Damaged(tooLarge);
                }

                text.Write(buffer, 0, read);
            }

            json = JsonDocument.Parse(text.GetBuffer().AsMemory(0, (int)text.Length), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or IOException)
        {
            throw Damaged($"{IndexEntry} cannot be read ({exception.Message})");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Damaged($"{IndexEntry} is not a JSON object");
            }

            if (root.TryGetProperty("schemaVersion", out var schema) && (schema.ValueKind != JsonValueKind.Number || !schema.TryGetInt32(out var schemaVersion) || schemaVersion != 1))
            {
                throw new CliException(
                    _failureExitCode,
                    $"'{DisplayName}' was packed by a newer SkillRt ({IndexEntry} schemaVersion {schema}); update the skillrt tool: dotnet tool update -g SkillRt.Cli.");
            }

            if (!root.TryGetProperty("skills", out var skills) || skills.ValueKind != JsonValueKind.Array)
            {
                throw Damaged($"{IndexEntry} has no 'skills' array");
            }

            var result = new List<PackagedSkill>();
            foreach (var skill in skills.EnumerateArray())
            {
                result.Add(ReadSkill(skill));
            }

            var duplicate = result.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Damaged($"{IndexEntry} lists the skill '{duplicate.Key}' twice");
            }

            return result;
        }
    }

    private PackagedSkill ReadSkill(JsonElement skill)
    {
        var name = skill.ValueKind == JsonValueKind.Object && skill.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!
            : throw Damaged($"{IndexEntry} lists a skill without a name");
        if (!SkillStore.IsStoreName(name))
        {
            throw Damaged($"{IndexEntry} lists a skill named '{name}', which cannot be a folder name");
        }

        var version = SkillStore.UnversionedVersion;
        if (skill.TryGetProperty("version", out var versionElement) && versionElement.ValueKind != JsonValueKind.Null)
        {
            if (versionElement.ValueKind != JsonValueKind.String || !SemanticVersion.TryParse(versionElement.GetString(), out version))
            {
                throw Damaged($"{IndexEntry} gives '{name}' the version {versionElement}, which is not SemVer");
            }
        }

        var folder = SkillsFolder + name + "/";
        var files = new List<PackagedSkillFile>();
        if (skill.TryGetProperty("files", out var filesElement) && filesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var file in filesElement.EnumerateArray())
            {
                var path = file.ValueKind == JsonValueKind.Object && file.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : null;
                var sha = file.ValueKind == JsonValueKind.Object && file.TryGetProperty("sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : null;
                if (path is null || sha is null)
                {
                    throw Damaged($"{IndexEntry} lists a file of '{name}' without a path or a sha256");
                }

                // Each skill writes only inside its own folder: never into another skill's, never outside skills/.
                if (!IsSafeEntryName(path) || !path.StartsWith(folder, StringComparison.Ordinal) || path.Length == folder.Length)
                {
                    throw new CliException(
                        _failureExitCode,
                        $"'{DisplayName}' lists the file '{path}' for the skill '{name}', outside its folder '{folder}'; it was not installed. Get the package from its publisher again and report it.");
                }

                if (!_entries.ContainsKey(path))
                {
                    throw Damaged($"{IndexEntry} lists '{path}', which the package does not have");
                }

                if (files.Exists(f => string.Equals(f.Entry, path, StringComparison.Ordinal)))
                {
                    throw Damaged($"{IndexEntry} lists '{path}' twice");
                }

                files.Add(new PackagedSkillFile(path, sha.ToLowerInvariant()));
            }
        }

        var skillFile = folder + "SKILL.md";
        var first = files.FindIndex(f => string.Equals(f.Entry, skillFile, StringComparison.Ordinal));
        if (first < 0)
        {
            throw Damaged($"{IndexEntry} lists no '{skillFile}' for the skill '{name}'");
        }

        // SKILL.md first, as the packer writes it, so the entry's main file is copied before its resources.
        var skillEntry = files[first];
        files.RemoveAt(first);
        files.Insert(0, skillEntry);
        return new PackagedSkill(name, version, files) { Dependencies = ReadDependencies(skill, name) };
    }

    /// <summary>
    /// <c>dependencies.skills</c>: <c>name</c> or <c>name@range</c> strings, as the packer writes them
    /// from the SKILL.md; an index from before dependencies were recorded has none.
    /// </summary>
    private List<SkillDependency> ReadDependencies(JsonElement skill, string name)
    {
        var result = new List<SkillDependency>();
        if (!skill.TryGetProperty("dependencies", out var dependencies) || dependencies.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (dependencies.ValueKind != JsonValueKind.Object)
        {
            throw Damaged($"{IndexEntry} gives '{name}' dependencies that are not an object");
        }

        if (!dependencies.TryGetProperty("skills", out var skills) || skills.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (skills.ValueKind != JsonValueKind.Array)
        {
            throw Damaged($"{IndexEntry} gives '{name}' dependencies.skills that are not an array");
        }

        foreach (var element in skills.EnumerateArray())
        {
            var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
            var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
            var dependencyName = text is null ? null : at < 0 ? text : text[..at];
            var range = SkillVersionRange.Any;
            if (dependencyName is null || !SkillStore.IsStoreName(dependencyName) || (at >= 0 && !SkillVersionRange.TryParse(text![(at + 1)..], out range)))
            {
                throw Damaged($"{IndexEntry} gives '{name}' the skill dependency {element}, which is not name or name@range");
            }

            result.Add(new SkillDependency { Name = dependencyName, Range = range! });
        }

        return result;
    }

    private void Extract(PackagedSkill skill, string staging)
    {
        var root = Path.GetFullPath(staging);
        var folder = SkillsFolder + skill.Name + "/";
        foreach (var file in skill.Files)
        {
            var relative = file.Entry[folder.Length..];
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

            // The names were checked when the package was opened; this is the last line, should a check ever miss.
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new CliException(_failureExitCode, $"'{DisplayName}' has the entry '{file.Entry}', which would be written outside the skill's folder; it was not installed.");
            }

            // First decompressed only to count and hash it, so a bomb or a tampered file writes nothing;
            // then again into the staging folder, checked the same way should the archive change under us.
            var size = Unpack(file, output: null, knownSize: null);
            _extractedBytes += size;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            Unpack(file, output, knownSize: size);
        }
    }

    /// <summary>
    /// Decompresses one file, counting its bytes and hashing them as they stream, into
    /// <paramref name="output"/> if there is one; stops before the first byte over a limit.
    /// </summary>
    /// <param name="knownSize">What the first pass counted; the second must find the same.</param>
    /// <returns>The number of bytes the file unpacked to.</returns>
    private long Unpack(PackagedSkillFile file, Stream? output, long? knownSize)
    {
        var entry = _entries[file.Entry];

        // The header's length is a claim: a large one is refused at once, and the real count decides below.
        if (entry.Length > _limits.MaxFileBytes)
        {
            throw FileTooLarge(file.Entry);
        }

        long size = 0;
        string hash;
        try
        {
            using var input = entry.Open();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                size += read;
                if (size > _limits.MaxFileBytes)
                {
                    throw FileTooLarge(file.Entry);
                }

                if (knownSize is null && _extractedBytes + size > _limits.MaxTotalBytes)
                {
                    throw new CliException(
                        _failureExitCode,
                        $"'{DisplayName}' unpacks to more than {PackageLimits.Describe(_limits.MaxTotalBytes)}, the most a skill package may install (it was at '{file.Entry}'); it was not installed. If you trust the package, raise {PackageLimits.MaxTotalBytesVariable}.");
                }

                sha.AppendData(buffer, 0, read);
                output?.Write(buffer, 0, read);
            }

            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        catch (InvalidDataException exception)
        {
            throw Damaged($"'{file.Entry}' cannot be unpacked ({exception.Message})");
        }

        if (!string.Equals(hash, file.Sha256, StringComparison.Ordinal) || (knownSize is { } known && size != known))
        {
            throw Damaged($"'{file.Entry}' does not match the SHA-256 that {IndexEntry} records for it");
        }

        return size;
    }

    private CliException FileTooLarge(string entry) =>
        new(
            _failureExitCode,
            $"'{DisplayName}' has the entry '{entry}', which unpacks to more than {PackageLimits.Describe(_limits.MaxFileBytes)}, the most one file of a skill may have (a zip bomb, or a skill too big to install); it was not installed. If you trust the package, raise {PackageLimits.MaxFileBytesVariable}.");

    private CliException Damaged(string what) =>
        new(_failureExitCode, $"'{DisplayName}' is damaged: {what}; pack or download it again.");
}
