using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt;

/// <summary>
/// A parsed SKILL.md file: its mode, the frontmatter as a positioned YAML tree, and the body kept
/// exactly as written. Parsing never throws for bad content; problems are in <see cref="Diagnostics"/>.
/// Call <c>SkillValidator.Validate</c> for the typed manifest
/// and the semantic checks.
/// </summary>
public sealed class SkillDocument
{
    private readonly string _text;
    private string? _body;

    internal SkillDocument(
        string? path,
        SkillMode mode,
        FrontmatterMapping? frontmatter,
        string text,
        int bodyStart,
        int bodyLine,
        IReadOnlyList<SkillDiagnostic> diagnostics,
        string? sidecarPath = null,
        int sidecarEntryStart = int.MaxValue)
    {
        Path = path;
        Mode = mode;
        Frontmatter = frontmatter;
        _text = text;
        BodyStart = bodyStart;
        BodyLine = bodyLine;
        Diagnostics = diagnostics;
        SidecarPath = sidecarPath;
        SidecarEntryStart = sidecarEntryStart;
    }

    /// <summary>The path the document was read from, as given; used in messages and for the folder-name check.</summary>
    public string? Path { get; }

    /// <summary>Whether the file is prose (no frontmatter) or structured.</summary>
    public SkillMode Mode { get; }

    /// <summary>
    /// The frontmatter's top-level mapping, in source order with unknown keys preserved.
    /// <see langword="null"/> for prose skills and when the frontmatter could not be read.
    /// </summary>
    public FrontmatterMapping? Frontmatter { get; }

    /// <summary>
    /// The Markdown after the frontmatter (the whole file for prose skills, without a byte order mark),
    /// character for character as written, line endings included.
    /// </summary>
    public string Body => _body ??= BodyStart == 0 ? _text : _text.Substring(BodyStart);

    /// <summary>The file's text, which the body is the tail of (validation scans it without copying).</summary>
    internal string Text => _text;

    /// <summary>Where the body starts in <see cref="Text"/>.</summary>
    internal int BodyStart { get; }

    /// <summary>The one-based line of the file on which <see cref="Body"/> starts.</summary>
    public int BodyLine { get; }

    /// <summary>
    /// Problems found while reading the file, and the sidecar if there is one (syntax only; the
    /// validator adds the rest). A problem in the sidecar has its <see cref="SkillDiagnostic.FilePath"/>.
    /// </summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>
    /// The <c>skillrt.yaml</c> sidecar read beside this SKILL.md (spec section 12.2.1), or
    /// <see langword="null"/>. Only <see cref="Load"/> and <see cref="LoadAsync"/> read one, and only
    /// for a structured file named <c>SKILL.md</c>; its top-level keys follow the SKILL.md's own in
    /// <see cref="Frontmatter"/>.
    /// </summary>
    public string? SidecarPath { get; }

    /// <summary>Where the sidecar's entries start in <see cref="Frontmatter"/>; <see cref="int.MaxValue"/> when it has none.</summary>
    internal int SidecarEntryStart { get; }

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.HasErrors();

    /// <summary>
    /// Whether a top-level entry of <see cref="Frontmatter"/> came from the sidecar, in which case the
    /// spans of its key and value are positions in <see cref="SidecarPath"/>, not in the SKILL.md.
    /// </summary>
    /// <param name="entry">An entry of <see cref="Frontmatter"/>.</param>
    public bool IsFromSidecar(FrontmatterEntry entry)
    {
        if (entry is null)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        var entries = Frontmatter?.Entries;
        for (var i = SidecarEntryStart; entries is not null && i < entries.Count; i++)
        {
            if (ReferenceEquals(entries[i], entry))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses SKILL.md text. Never throws for bad content.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file's path, used in messages and to compare the skill name with its folder.</param>
    public static SkillDocument Parse(string text, string? path = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return SkillParser.Parse(text, path);
    }

    /// <summary>
    /// Parses a SKILL.md file's bytes, which must be UTF-8 (with or without a byte order mark).
    /// Invalid UTF-8, NUL bytes and oversized files are reported as diagnostics. Never throws for bad content.
    /// </summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="path">The file's path, used in messages and to compare the skill name with its folder.</param>
    public static SkillDocument Parse(byte[] utf8, string? path = null)
    {
        if (utf8 is null)
        {
            throw new ArgumentNullException(nameof(utf8));
        }

        return SkillParser.Parse(utf8, utf8.Length, utf8.Length, path);
    }

    /// <summary>
    /// Reads and parses a SKILL.md file. A structured file named <c>SKILL.md</c> with a
    /// <c>skillrt.yaml</c> sidecar beside it gets the sidecar's keys too (spec section 12.2.1).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="IOException">The file, or its sidecar, cannot be read.</exception>
    public static SkillDocument Load(string path)
    {
        SkillDocument document;
        using (var stream = OpenRead(path))
        {
            var (buffer, length) = ReadBounded(stream);
            document = SkillParser.Parse(buffer, length, TotalLength(stream, length), path);
        }

        return SkillSidecar.Attach(document);
    }

    /// <summary>
    /// Reads and parses a SKILL.md file asynchronously. A structured file named <c>SKILL.md</c> with a
    /// <c>skillrt.yaml</c> sidecar beside it gets the sidecar's keys too (spec section 12.2.1).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="IOException">The file, or its sidecar, cannot be read.</exception>
    public static async Task<SkillDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        SkillDocument document;
        using (var stream = OpenRead(path, useAsync: true))
        {
            var (buffer, length) = await ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false);
            document = SkillParser.Parse(buffer, length, TotalLength(stream, length), path);
        }

        return await SkillSidecar.AttachAsync(document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same document with the sidecar's keys merged in: <paramref name="frontmatter"/> holds both files' entries.</summary>
    internal SkillDocument WithSidecar(string sidecarPath, FrontmatterMapping? frontmatter, int sidecarEntryStart, IReadOnlyList<SkillDiagnostic> diagnostics) =>
        new(Path, Mode, frontmatter, _text, BodyStart, BodyLine, diagnostics, sidecarPath, sidecarEntryStart);

    // Pipes and character devices have no length: read up to one byte past the limit instead.
    private static int InitialBufferSize(FileStream stream) =>
        (int)Math.Min(stream.CanSeek ? stream.Length : SkillParserLimits.MaxFileBytes, SkillParserLimits.MaxFileBytes) + 1;

    internal static long TotalLength(FileStream stream, int bytesRead) => stream.CanSeek ? stream.Length : bytesRead;

    internal static FileStream OpenRead(string path, bool useAsync = false)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync);
    }

    // Reads at most one byte past the limit: enough to report an oversized file without loading it.
    internal static async Task<(byte[] Buffer, int Length)> ReadBoundedAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialBufferSize(stream)];
        var length = 0;
        int read;
        while (length < buffer.Length &&
               (read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return (buffer, length);
    }

    // Reads at most one byte past the limit: enough to report an oversized file without loading it.
    internal static (byte[] Buffer, int Length) ReadBounded(FileStream stream)
    {
        var buffer = new byte[InitialBufferSize(stream)];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return (buffer, length);
    }
}
