using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt;

/// <summary>
/// The <c>skillrt.yaml</c> sidecar beside a SKILL.md (spec section 12.2.1): reads it and merges its
/// top-level keys after the SKILL.md's own, so the validator sees one frontmatter. Every problem in
/// it carries the sidecar's path, and positions are lines of the sidecar.
/// </summary>
internal static class SkillSidecar
{
    /// <summary>The document with its sidecar merged in; the document itself when there is no sidecar (one File.Exists).</summary>
    public static SkillDocument Attach(SkillDocument document)
    {
        var path = PathFor(document);
        if (path is null || !File.Exists(path))
        {
            return document;
        }

        using var stream = SkillDocument.OpenRead(path);
        var (buffer, length) = SkillDocument.ReadBounded(stream);
        return Merge(document, path, buffer, length, SkillDocument.TotalLength(stream, length));
    }

    /// <inheritdoc cref="Attach"/>
    public static async Task<SkillDocument> AttachAsync(SkillDocument document, CancellationToken cancellationToken)
    {
        var path = PathFor(document);
        if (path is null || !File.Exists(path))
        {
            return document;
        }

        using var stream = SkillDocument.OpenRead(path, useAsync: true);
        var (buffer, length) = await SkillDocument.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false);
        return Merge(document, path, buffer, length, SkillDocument.TotalLength(stream, length));
    }

    /// <summary>
    /// Reads sidecar text (no byte order mark) as YAML. Diagnostics are added with
    /// <paramref name="path"/> as their file. Returns the mapping, or null when it cannot be used.
    /// </summary>
    public static FrontmatterMapping? Parse(string text, string? path, List<SkillDiagnostic> diagnostics)
    {
        if (SkillParser.CheckNul(text, 0) is { } nul)
        {
            diagnostics.Add(nul.InFile(path));
            return null;
        }

        var found = new List<SkillDiagnostic>();
        var mapping = YamlParser.Read(text, 0, text.Length, firstLine: 1, found);
        foreach (var diagnostic in found)
        {
            diagnostics.Add(diagnostic.InFile(path));
        }

        return mapping;
    }

    /// <summary>The text without a leading byte order mark, which a sidecar may have but a frontmatter cannot.</summary>
    public static string WithoutByteOrderMark(string text) =>
        text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;

    // Only a structured SKILL.md has one: a prose file has no frontmatter to extend, and other
    // Markdown files may share a folder, where one sidecar could not say which file it belongs to.
    private static string? PathFor(SkillDocument document)
    {
        if (document.Mode != SkillMode.Structured || string.IsNullOrEmpty(document.Path) ||
            !string.Equals(Path.GetFileName(document.Path), "SKILL.md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.Combine(Path.GetDirectoryName(document.Path) ?? string.Empty, AgentSkillsFormat.SidecarFileName);
    }

    private static SkillDocument Merge(SkillDocument document, string path, byte[] bytes, int length, long totalLength)
    {
        var diagnostics = new List<SkillDiagnostic>(document.Diagnostics);
        FrontmatterMapping? sidecar = null;
        if (SkillParser.CheckBytes(bytes, length, totalLength, out var start) is { } problem)
        {
            diagnostics.Add(problem.InFile(path));
        }
        else
        {
            sidecar = Parse(Encoding.UTF8.GetString(bytes, start, length - start), path, diagnostics);
        }

        var own = document.Frontmatter;
        if (own is null || sidecar is null)
        {
            // Either file's errors already say what to fix; merging half a frontmatter would only
            // add "missing key" noise.
            return document.WithSidecar(path, own, int.MaxValue, diagnostics);
        }

        var entries = new List<FrontmatterEntry>(own.Entries.Count + sidecar.Entries.Count);
        entries.AddRange(own.Entries);
        var ownFile = Path.GetFileName(document.Path);
        foreach (var entry in sidecar.Entries)
        {
            // As for a key written twice in one file: the first (the SKILL.md's) wins.
            if (own.Find(entry.Name) is { } first)
            {
                diagnostics.Add(SkillDiagnosticDescriptors.DuplicateKey.Create(entry.Key.Span, entry.Name, $"{first.Key.Span.StartLine} of {ownFile}").InFile(path));
                continue;
            }

            entries.Add(entry);
        }

        return document.WithSidecar(path, new FrontmatterMapping(entries, own.Span), own.Entries.Count, diagnostics);
    }
}
