using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>
/// Reads and validates agent-doc.yaml (spec/AGENT-DOC-SPEC.md) with SkillRt's YAML parser. It never
/// throws for bad input: it returns the document it could read and every problem, located by line and
/// column, as <see cref="SkillDiagnostic"/>s (YAML syntax errors keep the parser's SKILL00xx IDs).
/// </summary>
public static class AgentDocReader
{
    /// <summary>Reads agent-doc text (a leading byte order mark is skipped).</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file it came from, kept on the result for messages; null for none.</param>
    public static AgentDocReadResult Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > AgentDocLimits.MaxFileBytes && Encoding.UTF8.GetByteCount(text) is var size && size > AgentDocLimits.MaxFileBytes)
        {
            return Failed(path, AgentDocDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), size, AgentDocLimits.MaxFileBytes));
        }

        return ParseText(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0, path);
    }

    /// <summary>Reads agent-doc UTF-8 bytes (a leading byte order mark is skipped).</summary>
    public static AgentDocReadResult Parse(byte[] utf8, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        if (utf8.Length > AgentDocLimits.MaxFileBytes)
        {
            return Failed(path, AgentDocDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), utf8.Length, AgentDocLimits.MaxFileBytes));
        }

        var start = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
        if (SkillParser.CheckUtf8(utf8, start, utf8.Length) is { } invalid)
        {
            return Failed(path, invalid);
        }

        return ParseText(Encoding.UTF8.GetString(utf8, start, utf8.Length - start), 0, path);
    }

    /// <summary>Reads a file. I/O failures (missing file, no access) throw as usual; content problems are diagnostics.</summary>
    public static AgentDocReadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        return length > AgentDocLimits.MaxFileBytes
            ? Failed(path, AgentDocDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), length, AgentDocLimits.MaxFileBytes))
            : Parse(File.ReadAllBytes(path), path);
    }

    /// <inheritdoc cref="Load"/>
    public static async Task<AgentDocReadResult> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        return length > AgentDocLimits.MaxFileBytes
            ? Failed(path, AgentDocDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), length, AgentDocLimits.MaxFileBytes))
            : Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <summary>The file's data as JSON (YAML 1.2 core schema), unchecked; null when the YAML cannot be read. For schema checks.</summary>
    internal static JsonObject? ToJson(string text)
    {
        var root = YamlParser.Read(text, 0, text.Length, firstLine: 1, []);
        return root is null ? null : YamlFields.ToJson(root) as JsonObject;
    }

    private static AgentDocReadResult ParseText(string text, int start, string? path)
    {
        if (SkillParser.CheckNul(text, start) is { } nul)
        {
            return Failed(path, nul);
        }

        var diagnostics = new List<SkillDiagnostic>();
        var root = YamlParser.Read(text, start, text.Length, firstLine: 1, diagnostics);
        if (root is null)
        {
            return new AgentDocReadResult(path, null, diagnostics, null);
        }

        var document = AgentDocBinder.Bind(root, diagnostics);
        string? computed = null;
        if (document is not null)
        {
            // The hash is of the data as written, extensions included (spec section "Content hash").
            computed = AgentDocContentHash.Compute((JsonObject)YamlFields.ToJson(root)!);
            if (document.Identity.ContentHash is { } stated && !string.Equals(stated, computed, StringComparison.Ordinal))
            {
                var span = (root["identity"] as FrontmatterMapping)?["contentHash"]?.Span ?? root.Span;
                diagnostics.Add(AgentDocDiagnosticDescriptors.ContentHashMismatch.Create(span, stated, computed));
            }
        }

        // In file order, as the SKILL.md validator reports, so the first line to fix comes first.
        var ordered = diagnostics.OrderBy(d => d.Span.StartLine).ThenBy(d => d.Span.StartColumn).ToList();
        return new AgentDocReadResult(path, document, ordered, computed);
    }

    private static AgentDocReadResult Failed(string? path, SkillDiagnostic diagnostic) => new(path, null, [diagnostic], null);
}
