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

    // A stable sort (insertion sort on a list that is nearly sorted already) keeps same-position diagnostics in report order.
    private static IReadOnlyList<SkillDiagnostic> SortByPosition(List<SkillDiagnostic> diagnostics)
    {
        for (var i = 1; i < diagnostics.Count; i++)
        {
            var current = diagnostics[i];
            var j = i - 1;
            while (j >= 0 && Compare(diagnostics[j].Span, current.Span) > 0)
            {
                diagnostics[j + 1] = diagnostics[j];
                j--;
            }

            diagnostics[j + 1] = current;
        }

        return diagnostics;
    }

    private static int Compare(SourceSpan left, SourceSpan right) =>
        left.StartLine != right.StartLine ? left.StartLine.CompareTo(right.StartLine) : left.StartColumn.CompareTo(right.StartColumn);
}
