using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Checks a parsed skill against the spec and binds its typed <see cref="SkillManifest"/>.
/// This is the one validator the generator, the MSBuild tasks, the runtime and the CLI share.
/// It collects every problem and never throws for bad content.
/// </summary>
public static class SkillValidator
{
    /// <summary>Validates a parsed document.</summary>
    /// <param name="document">The document from <see cref="SkillDocument.Parse(string, string?)"/> or a sibling.</param>
    /// <param name="options">Validation options; <see langword="null"/> for the defaults.</param>
    public static SkillValidationResult Validate(SkillDocument document, SkillValidationOptions? options = null)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var diagnostics = new List<SkillDiagnostic>(document.Diagnostics);
        var manifest = ManifestBinder.Bind(document, options ?? SkillValidationOptions.Default, diagnostics);
        return new SkillValidationResult(document, manifest, SortByPosition(diagnostics));
    }

    /// <summary>Parses and validates SKILL.md text in one step.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file's path, for messages and the folder-name check.</param>
    /// <param name="options">Validation options; <see langword="null"/> for the defaults.</param>
    public static SkillValidationResult Validate(string text, string? path = null, SkillValidationOptions? options = null) =>
        Validate(SkillDocument.Parse(text, path), options);

    // Stable: diagnostics at the same position stay in the order they were found. The SKILL.md's own
    // come first, then those in the sidecar (which carry its path), each file in line order.
    private static IReadOnlyList<SkillDiagnostic> SortByPosition(List<SkillDiagnostic> diagnostics)
    {
        var keys = new KeyValuePair<SkillDiagnostic, int>[diagnostics.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new KeyValuePair<SkillDiagnostic, int>(diagnostics[i], i);
        }

        Array.Sort(keys, static (left, right) =>
        {
            var byFile = string.CompareOrdinal(left.Key.FilePath, right.Key.FilePath);
            if (byFile != 0)
            {
                return byFile;
            }

            var byPosition = Compare(left.Key.Span, right.Key.Span);
            return byPosition != 0 ? byPosition : left.Value.CompareTo(right.Value);
        });

        var sorted = new SkillDiagnostic[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = keys[i].Key;
        }

        return sorted;
    }

    private static int Compare(SourceSpan left, SourceSpan right) =>
        left.StartLine != right.StartLine ? left.StartLine.CompareTo(right.StartLine) : left.StartColumn.CompareTo(right.StartColumn);
}
