using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// Reads an uploaded .nupkg, which is untrusted bytes, and either refuses it with the reason or
/// returns everything the registry stores about it. In order: it must be a zip; every entry name must
/// stay inside the package (no <c>..</c>, absolute path, backslash, drive letter or symbolic link) and
/// be unique; the entries must be few enough, and must really unpack (each is decompressed and counted,
/// and checked against its CRC-32, so a header that understates a size is caught) to no more than the
/// limit, at a ratio no archive of text reaches; the nuspec must be valid and name the <c>SkillRtSkills</c> package type; there must be a
/// <c>skills/{name}/SKILL.md</c>, and every SKILL.md must pass the validator the build uses.
/// </summary>
internal sealed class PackageInspector(IOptions<RegistryOptions> options, IEnumerable<IRegistryPackageKind> kinds)
{
    /// <summary>The folder of the package that holds the skill folders.</summary>
    public const string SkillsFolder = "skills";

    // Beyond this an entry is looked at for its compression ratio; small files may compress well.
    private const long RatioCheckFloor = 64 * 1024;

    // Text, code and images compress 2–20:1; a ratio like this is a bomb (or a file of one repeated byte).
    private const long MaxCompressionRatio = 100;

    // NuGet's own client refuses bigger nuspecs; ours only have metadata.
    private const int MaxNuspecBytes = 1024 * 1024;

    // The unix file type bits of a zip entry's external attributes (high 16 bits), and a symbolic link's.
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    private readonly RegistryOptions _options = options.Value;
    private readonly IReadOnlyList<IRegistryPackageKind> _kinds = kinds.ToList();

    /// <summary>Inspects <paramref name="package"/> (seekable; left open, its position anywhere).</summary>
    public PackageInspection Inspect(Stream package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        package.Position = 0;
        ZipArchive archive;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            archive = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            entries = archive.Entries;
        }
        catch (InvalidDataException exception)
        {
            return Refuse(
                "Not a NuGet package",
                $"The upload is not a zip archive, so it is not a .nupkg ({exception.Message}). Upload the file that 'dotnet pack' or 'skillrt publish' made.");
        }

        using (archive)
        {
            if (entries.Count > _options.MaxEntries)
            {
                return Refuse(
                    "Too many files in the package",
                    $"The package has {entries.Count:N0} entries, more than the {_options.MaxEntries:N0} this registry accepts (SkillRt:Registry:MaxEntries); pack fewer files.");
            }

            var contents = ReadEntries(entries, cancellationToken, out var problem);
            return problem is not null ? new PackageInspection(null, problem) : Describe(contents!);
        }
    }

    /// <summary>
    /// Checks every entry's name, then decompresses every entry, counting what really comes out, and
    /// keeps the nuspec and the SKILL.md files. Null, with <paramref name="problem"/>, at the first problem.
    /// </summary>
    private PackageContents? ReadEntries(IReadOnlyList<ZipArchiveEntry> entries, CancellationToken cancellationToken, out PublishProblem? problem)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long declared = 0;
        foreach (var entry in entries)
        {
            // NuGet escapes entry names as URIs (a space is %20); a client unpacks the unescaped name,
            // so both spellings must be safe.
            var name = Uri.UnescapeDataString(entry.FullName);
            if ((EntryNameProblem(entry.FullName) ?? EntryNameProblem(name)) is { } why)
            {
                problem = PublishProblem.Invalid(
                    "Unsafe entry in the package",
                    $"The package has the entry '{Shorten(entry.FullName)}', which {why}; archives like this write files outside the folder they are unpacked into. Pack the package again with 'dotnet pack' or 'skillrt publish'.");
                return null;
            }

            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
            {
                problem = PublishProblem.Invalid(
                    "Symbolic link in the package",
                    $"The package entry '{Shorten(name)}' is a symbolic link; a package holds files only. Replace the link with the file it points to and pack again.");
                return null;
            }

            // Case-insensitive: on Windows and macOS both would unpack to one file.
            if (!names.Add(name))
            {
                problem = PublishProblem.Invalid(
                    "Duplicate entry in the package",
                    $"The package has two entries named '{Shorten(name)}' (names are compared regardless of case); pack it again.");
                return null;
            }

            // A header that admits to too much is refused at once; one that understates is caught below.
            declared = entry.Length > long.MaxValue - declared ? long.MaxValue : declared + entry.Length;
        }

        if (declared > _options.MaxUnpackedBytes)
        {
            problem = UnpacksTooLarge(declared);
            return null;
        }

        var contents = new PackageContents();
        long unpacked = 0;
        var buffer = new byte[81920];
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Uri.UnescapeDataString(entry.FullName);
            var isNuspec = !name.Contains('/', StringComparison.Ordinal) && name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase);
            var isSkill = IsSkillFile(name);

            // Another module's kind of package (IRegistryPackageKind) needs some files to check them.
            var contentLimit = isNuspec || isSkill ? 0 : _kinds.Where(k => k.IsContentFile(name)).Select(k => k.MaxContentFileBytes).DefaultIfEmpty(0).Max();
            var keep = isNuspec ? MaxNuspecBytes + 1 : isSkill ? SkillParserLimits.MaxFileBytes + 1 : contentLimit > 0 ? contentLimit + 1L : 0;
            var kept = keep > 0 ? new MemoryStream() : null;
            long size = 0;
            uint crc = 0;
            try
            {
                using var input = entry.Open();
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    size += read;
                    unpacked += read;
                    if (unpacked > _options.MaxUnpackedBytes)
                    {
                        problem = UnpacksTooLarge(unpacked, name);
                        return null;
                    }

                    if (size > RatioCheckFloor && size / Math.Max(entry.CompressedLength, 1) > MaxCompressionRatio)
                    {
                        problem = PublishProblem.Invalid(
                            "Package looks like a zip bomb",
                            $"The package entry '{Shorten(name)}' unpacks to more than {MaxCompressionRatio} times its compressed size ({size:N0} bytes from {entry.CompressedLength:N0} so far), which no skill file does; the package was refused. Remove the file, or pack it in a form that does not compress that well.");
                        return null;
                    }

                    crc = ZipCrc32.Append(crc, buffer.AsSpan(0, read));
                    if (kept is not null && kept.Length < keep)
                    {
                        kept.Write(buffer, 0, (int)Math.Min(read, keep - kept.Length));
                    }
                }
            }
            catch (InvalidDataException exception)
            {
                problem = PublishProblem.Invalid(
                    "Damaged package",
                    $"The package entry '{Shorten(name)}' cannot be unpacked ({exception.Message}); pack the package again.");
                return null;
            }

            if (crc != entry.Crc32)
            {
                problem = PublishProblem.Invalid(
                    "Damaged package",
                    $"The package entry '{Shorten(name)}' does not match the CRC-32 its header records: the package is damaged, or its header understates the entry's size (as a zip bomb's does). Pack the package again.");
                return null;
            }

            if (isNuspec)
            {
                if (kept!.Length > MaxNuspecBytes)
                {
                    problem = PublishProblem.Invalid("Invalid nuspec", $"The nuspec '{Shorten(name)}' is over {MaxNuspecBytes:N0} bytes; a nuspec holds metadata only.");
                    return null;
                }

                contents.Nuspecs.Add((name, kept.ToArray()));
            }
            else if (isSkill)
            {
                contents.Skills.Add((name, kept!.ToArray()));
            }
            else if (contentLimit > 0)
            {
                if (kept!.Length > contentLimit)
                {
                    problem = PublishProblem.Invalid("Package file too large", $"The package file '{Shorten(name)}' is over {contentLimit:N0} bytes, the most this registry reads of it; make it smaller.");
                    return null;
                }

                contents.Content.Add(new RegistryPackageFile(name, kept.ToArray()));
            }
        }

        problem = null;
        return contents;
    }

    private PackageInspection Describe(PackageContents contents)
    {
        if (contents.Nuspecs.Count != 1)
        {
            return Refuse(
                "Invalid nuspec",
                contents.Nuspecs.Count == 0
                    ? "The package has no .nuspec file at its root; pack it with 'dotnet pack' or 'skillrt publish'."
                    : $"The package has {contents.Nuspecs.Count} .nuspec files at its root ({string.Join(", ", contents.Nuspecs.Select(n => n.Name))}); a package has exactly one.");
        }

        var (nuspecPath, nuspecBytes) = contents.Nuspecs[0];
        var (nuspec, nuspecProblem) = PackageNuspec.Read(nuspecPath, nuspecBytes);
        if (nuspecProblem is not null)
        {
            return new PackageInspection(null, nuspecProblem);
        }

        if (!nuspec!.IsSkillPackage && _kinds.FirstOrDefault(k => nuspec.PackageTypes.Contains(k.PackageType, StringComparer.OrdinalIgnoreCase)) is { } kind)
        {
            return DescribeKind(nuspec, kind, contents.Content);
        }

        if (!nuspec.IsSkillPackage)
        {
            return Refuse(
                "Not a skill package",
                $"'{nuspec.Id}' {nuspec.Version.ToNormalizedString()} does not have the '{PackageNuspec.SkillPackageType}' package type, so it is not a skill package; this registry accepts skill packages only. " +
                "Make one by adding <SkillFile Include=\"skills/**/SKILL.md\" /> to a project that references SkillRt and running 'dotnet pack', or run 'skillrt publish <folder>'." +
                string.Concat(_kinds.Select(k => $" It also accepts {k.Description}, with the package type '{k.PackageType}'.")));
        }

        if (contents.Skills.Count == 0)
        {
            return Refuse(
                "No skills in the package",
                $"'{nuspec.Id}' has no '{SkillsFolder}/{{name}}/SKILL.md'; a skill package has one folder per skill under '{SkillsFolder}/'. Pack it with <SkillFile> items and 'dotnet pack', or with 'skillrt publish <folder>'.");
        }

        var skills = PackageSkills.Validate(contents.Skills, nuspec.Version);
        var errors = skills.Diagnostics.Where(d => d.Severity == "error").ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
            return new PackageInspection(null, new PublishProblem(
                400,
                $"Invalid skills: {count}",
                $"The package's SKILL.md files have {count} (the first: {first.File}({first.Line},{first.Column}): {first.Id}: {first.Message}); 'diagnostics' lists each. Fix them and publish again; 'dotnet build' reports the same diagnostics.",
                PublishOutcome.Invalid,
                skills.Diagnostics));
        }

        return new PackageInspection(InspectedPackage.Create(nuspec, skills), null);
    }

    /// <summary>A package of another module's kind: valid when the kind's check finds no error; its problems are the publish's diagnostics.</summary>
    private static PackageInspection DescribeKind(PackageNuspec nuspec, IRegistryPackageKind kind, IReadOnlyList<RegistryPackageFile> files)
    {
        var version = nuspec.Version.ToNormalizedString();
        var check = kind.Check(nuspec.Id, version, files);
        var diagnostics = check.Problems.Select(p => new PackageDiagnostic(p.Id, p.IsError ? "error" : "warning", p.File, p.Line, p.Column, p.Message)).ToList();
        var errors = diagnostics.Where(d => d.Severity == "error").ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
            return new PackageInspection(null, new PublishProblem(
                400,
                $"Invalid {kind.Description}: {count}",
                $"'{nuspec.Id}' {version} has {count} (the first: {first.File}({first.Line},{first.Column}): {first.Id}: {first.Message}); 'diagnostics' lists each. Fix them and publish again.",
                PublishOutcome.Invalid,
                diagnostics));
        }

        return new PackageInspection(InspectedPackage.Create(nuspec, PackageSkills.Validate([], nuspec.Version), diagnostics, check.SearchText), null);
    }

    /// <summary>Whether <paramref name="name"/> is a skill's main file, <c>skills/{name}/SKILL.md</c>.</summary>
    public static bool IsSkillFile(string name)
    {
        var segments = name.Split('/');
        return segments.Length == 3
            && segments[0] == SkillsFolder
            && segments[1].Length > 0
            && segments[2] == SkillFileRule.SkillFileName;
    }

    /// <summary>Null when an entry name, joined to any folder, stays inside it; else why it does not.</summary>
    private static string? EntryNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "has an empty name";
        }

        if (name[0] == '/')
        {
            return "is an absolute path";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "has a backslash, which Windows reads as a folder separator";
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            return "has a ':', as in a drive letter";
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "has a NUL character";
        }

        return name.Split('/').Any(segment => segment is ".." or ".") ? "has a '..' or '.' segment" : null;
    }

    private PublishProblem UnpacksTooLarge(long bytes, string? at = null) => PublishProblem.Invalid(
        "Package unpacks to too much",
        $"The package unpacks to {(at is null ? "" : "more than ")}{bytes:N0} bytes{(at is null ? " by its headers" : $" (it was at '{Shorten(at)}')")}, more than the {_options.MaxUnpackedBytes:N0} this registry accepts (SkillRt:Registry:MaxUnpackedBytes); a zip bomb, or skills with too many large files.");

    private static PackageInspection Refuse(string title, string detail) => new(null, PublishProblem.Invalid(title, detail));

    internal static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>What the inspector keeps of a package while it unpacks it.</summary>
    private sealed class PackageContents
    {
        public List<(string Name, byte[] Content)> Nuspecs { get; } = [];

        public List<(string Path, byte[] Content)> Skills { get; } = [];

        public List<RegistryPackageFile> Content { get; } = [];
    }
}

/// <summary>What <see cref="PackageInspector.Inspect"/> found: the package to store, or why it was refused.</summary>
internal sealed record PackageInspection(InspectedPackage? Package, PublishProblem? Problem);
