using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Scanning.Engine;
using SkillRt.Scanning.Rules.Limits;

namespace SkillRt.Scanning;

/// <summary>
/// The skill security scanner: explainable rules over a skill folder, a set of files in memory, or a
/// packed .nupkg. The same code runs at publish in the registry, in <c>skill scan</c>, and in
/// <c>dotnet pack</c>. A scan never throws on bad input (only on cancellation): what it cannot read
/// becomes a finding, and it reads no more than <see cref="ScanOptions"/> allows. Thread-safe; one
/// instance can serve concurrent scans.
/// </summary>
public sealed class SkillScanner
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "bin", "obj", "node_modules" };

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">Names and limits; <see cref="ScanOptions.Default"/> when <see langword="null"/>.</param>
    public SkillScanner(ScanOptions? options = null) => Options = options ?? ScanOptions.Default;

    /// <summary>The options every scan uses.</summary>
    public ScanOptions Options { get; }

    /// <summary>
    /// Scans a skill folder on disk: its SKILL.md (and <c>skillrt.yaml</c> sidecar) and every file below
    /// it, skipping <c>.git</c>, <c>bin</c>, <c>obj</c> and <c>node_modules</c> folders. Symbolic links are
    /// reported, not followed. Paths in findings are relative to <paramref name="folder"/>.
    /// </summary>
    /// <param name="folder">The skill's folder (the one holding SKILL.md).</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The findings.</returns>
    public ScanReport ScanDirectory(string folder, CancellationToken cancellationToken = default) =>
        Run(context =>
        {
            if (!Directory.Exists(folder))
            {
                context.Report(ScannerFailureRule.Descriptor, "The folder does not exist or cannot be read", Paths.Safe(folder), fix: "Pass the folder that holds the skill's SKILL.md");
                return;
            }

            Analyze(ReadFolder(Path.GetFullPath(folder), context), packageId: null, context);
        }, cancellationToken);

    /// <summary>Scans files held in memory, such as the files of a skill about to be packed or published.</summary>
    /// <param name="files">The files, with paths relative to the skill (or package) root; a file named SKILL.md makes its folder a skill.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The findings.</returns>
    public ScanReport ScanFiles(IEnumerable<ScanInputFile> files, CancellationToken cancellationToken = default)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        return Run(context =>
        {
            var raw = new List<RawFile>();
            long total = 0;
            foreach (var file in files)
            {
                if (raw.Count >= Options.MaxFiles || total >= Options.MaxTotalBytes)
                {
                    context.Report(TooMuchContentRule.Descriptor, "The skill has more files or bytes than the scanner reads; the rest were not scanned", string.Empty);
                    break;
                }

                var content = file.Content.Length > Options.MaxFileBytes ? Slice(file.Content, Options.MaxFileBytes) : file.Content;
                total += content.Length;
                raw.Add(new RawFile(Normalize(file.Path), content, file.Content.Length));
            }

            Analyze(raw, packageId: null, context);
        }, cancellationToken);
    }

    /// <summary>Scans a packed skill package (.nupkg): first its archive structure, read by hand with bounds, then every entry it could unpack safely.</summary>
    /// <param name="package">The package's bytes.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The findings; paths are entry names (<c>skills/x/SKILL.md</c>).</returns>
    public ScanReport ScanPackage(byte[] package, CancellationToken cancellationToken = default)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        return Run(context => AnalyzePackage(package, context), cancellationToken);
    }

    /// <summary>Scans a packed skill package read from a stream (at most <see cref="ScanOptions.MaxPackageBytes"/>; a larger one is a finding).</summary>
    /// <param name="package">The stream, read to its end; not disposed.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The findings.</returns>
    public ScanReport ScanPackage(Stream package, CancellationToken cancellationToken = default)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        var bytes = ReadBounded(package, cancellationToken, out var tooLarge);
        return tooLarge ? TooLargePackage() : ScanPackage(bytes, cancellationToken);
    }

    /// <summary>Scans a packed skill package read asynchronously from a stream (at most <see cref="ScanOptions.MaxPackageBytes"/>).</summary>
    /// <param name="package">The stream, read to its end; not disposed.</param>
    /// <param name="cancellationToken">Stops the read and the scan.</param>
    /// <returns>The findings.</returns>
    public async Task<ScanReport> ScanPackageAsync(Stream package, CancellationToken cancellationToken = default)
    {
        if (package is null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await package.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > Options.MaxPackageBytes)
            {
                return TooLargePackage();
            }

            buffer.Write(chunk, 0, read);
        }

        return ScanPackage(buffer.ToArray(), cancellationToken);
    }

    private ScanReport TooLargePackage() => Run(context =>
        context.Report(Rules.Archive.MalformedArchiveRule.Descriptor, "The package is larger than " + Options.MaxPackageBytes + " bytes; it was not inspected", string.Empty, fix: "Keep skill packages small: instructions, scripts and small assets"), CancellationToken.None);

    private ScanReport Run(Action<ScanContext> scan, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var context = new ScanContext(Options, cancellationToken);
        try
        {
            scan(context);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Fail closed: any defect becomes a High finding instead of an exception at publish.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            context.Report(ScannerFailureRule.Descriptor, "The scanner failed (" + exception.GetType().Name + ") and could not inspect everything", string.Empty);
        }

        return new ScanReport(context.Sink.Findings, context.FilesScanned, context.BytesScanned, context.Sink.Omitted, stopwatch.Elapsed);
    }

    private void AnalyzePackage(byte[] package, ScanContext context)
    {
        if (package.Length > Options.MaxPackageBytes)
        {
            context.Report(Rules.Archive.MalformedArchiveRule.Descriptor, "The package is larger than " + Options.MaxPackageBytes + " bytes; it was not inspected", string.Empty, fix: "Keep skill packages small: instructions, scripts and small assets");
            return;
        }

        var listing = Archive.ZipReader.Read(package, context);
        if (listing is null)
        {
            return;
        }

        foreach (var rule in RuleSet.ArchiveRules)
        {
            rule.Check(listing, context);
        }

        var files = new List<RawFile>();
        long total = 0;
        string? packageId = null;
        string? nuspecPath = null;
        foreach (var entry in listing.Entries.Take(Options.MaxFiles))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (entry.IsDirectory || entry.IsEncrypted || entry.IsSymbolicLink)
            {
                continue;
            }

            if (total >= Options.MaxTotalBytes)
            {
                context.Report(TooMuchContentRule.Descriptor, "The package unpacks to more bytes than the scanner reads; the remaining entries were not scanned", string.Empty);
                break;
            }

            var content = Archive.ZipReader.Extract(listing, entry, (int)Math.Min(Options.MaxFileBytes, Options.MaxTotalBytes - total), out var length, out var problem);
            if (content is null)
            {
                var rule = problem is not null && problem.StartsWith("it unpacks to more", StringComparison.Ordinal) ? Rules.Archive.ZipBombRule.Descriptor : Rules.Archive.MalformedArchiveRule.Descriptor;
                context.Report(rule, "The entry could not be inspected: " + problem, Paths.Safe(entry.Name));
                continue;
            }

            total += content.Length;
            var path = entry.Name;
            files.Add(new RawFile(path, content, length));
            if (nuspecPath is null && path.IndexOf('/') < 0 && path.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            {
                nuspecPath = path;
                packageId = NuspecId.Read(content);
            }
        }

        Analyze(files, packageId is null ? null : new ScannedName("package ID", packageId, nuspecPath!, null), context);
    }

    private static void Analyze(List<RawFile> inputs, ScannedName? packageId, ScanContext context)
    {
        var units = SkillUnits.Build(inputs);
        var files = new List<ScannedFile>(inputs.Count);
        foreach (var input in inputs)
        {
            var unit = SkillUnits.Owner(units, input.Path);
            var file = new ScannedFile(input.Path, input.Content, input.OriginalLength, unit);
            unit?.Files.Add(file);
            files.Add(file);
            context.FilesScanned++;
            context.BytesScanned += input.Content.Length;
        }

        foreach (var unit in units)
        {
            SkillUnits.ReadManifest(unit, inputs, context);
        }

        foreach (var file in files)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (file.IsTruncated)
            {
                var instruction = file.IsSkillFile || file.IsScript || file.Language == FileLanguage.Markdown;
                context.Report(
                    instruction ? OversizedInstructionFileRule.Descriptor : OversizedFileRule.Descriptor,
                    "The file is " + file.OriginalLength + " bytes; only the first " + file.Content.Length + " were scanned",
                    Paths.Safe(file.Path));
            }

            foreach (var rule in RuleSet.FileRules)
            {
                rule.Check(file, context);
            }
        }

        foreach (var unit in units)
        {
            foreach (var rule in RuleSet.SkillRules)
            {
                rule.Check(unit, context);
            }

            if (unit.Name is { Length: > 0 } name)
            {
                var scannedName = new ScannedName("skill name", name, unit.SkillFilePath, unit.NameLine);
                foreach (var rule in RuleSet.NameRules)
                {
                    rule.Check(scannedName, context);
                }
            }
        }

        if (packageId is not null)
        {
            foreach (var rule in RuleSet.NameRules)
            {
                rule.Check(packageId, context);
            }
        }
    }

    private List<RawFile> ReadFolder(string root, ScanContext context)
    {
        var files = new List<RawFile>();
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(folder).OrderBy(e => e, StringComparer.Ordinal).ToList();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                context.Report(ScannerFailureRule.Descriptor, "The folder could not be read: " + exception.Message, Relative(root, folder));
                continue;
            }

            foreach (var entry in entries)
            {
                var relative = Relative(root, entry);
                FileAttributes attributes;
                try
                {
                    attributes = File.GetAttributes(entry);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                if ((attributes & FileAttributes.ReparsePoint) != 0)
                {
                    context.Report(Rules.Archive.SymbolicLinkRule.Descriptor, "The file is a symbolic link, not a file; the scanner did not follow it", Paths.Safe(relative));
                    continue;
                }

                if ((attributes & FileAttributes.Directory) != 0)
                {
                    if (!SkippedFolders.Contains(Path.GetFileName(entry)))
                    {
                        pending.Push(entry);
                    }

                    continue;
                }

                if (files.Count >= Options.MaxFiles || total >= Options.MaxTotalBytes)
                {
                    context.Report(TooMuchContentRule.Descriptor, "The folder has more than " + Options.MaxFiles + " files or " + Options.MaxTotalBytes + " bytes; the rest were not scanned", string.Empty);
                    return files;
                }

                try
                {
                    using var stream = new FileStream(entry, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    var length = stream.Length;
                    var content = new byte[(int)Math.Min(length, Options.MaxFileBytes)];
                    var read = 0;
                    while (read < content.Length)
                    {
                        var n = stream.Read(content, read, content.Length - read);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    total += read;
                    files.Add(new RawFile(relative, read == content.Length ? content : Slice(content, read), length, entry));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    context.Report(ScannerFailureRule.Descriptor, "The file could not be read: " + exception.Message, Paths.Safe(relative));
                }
            }
        }

        return files;
    }

    private byte[] ReadBounded(Stream stream, CancellationToken cancellationToken, out bool tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (buffer.Length + read > Options.MaxPackageBytes)
            {
                tooLarge = true;
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        tooLarge = false;
        return buffer.ToArray();
    }

    private static string Relative(string root, string path) =>
        path.Length <= root.Length ? string.Empty : path.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/');

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    private static byte[] Slice(byte[] content, int length)
    {
        var slice = new byte[length];
        Buffer.BlockCopy(content, 0, slice, 0, length);
        return slice;
    }
}
