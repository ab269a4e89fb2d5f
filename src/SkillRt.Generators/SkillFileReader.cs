using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Generators;

/// <summary>Turns one SKILL.md additional file into a <see cref="SkillFileSpec"/> using the shared parser and validator.</summary>
internal static class SkillFileReader
{
    public static SkillFileSpec Read(AdditionalText file, CancellationToken cancellationToken)
    {
        try
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return Failure(file.Path, $"SkillRt could not read '{file.Path}'; check that the file exists and is readable");
            }

            var result = SkillValidator.Validate(SkillDocument.Parse(text.ToString(), file.Path));
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticSpec>(result.Diagnostics.Count);
            foreach (var diagnostic in result.Diagnostics)
            {
                var lineSpan = ToLinePositionSpan(diagnostic.Span);
                diagnostics.Add(new DiagnosticSpec(diagnostic.Id, diagnostic.Message, file.Path, ToTextSpan(text, lineSpan), lineSpan));
            }

            return new SkillFileSpec(file.Path, new EquatableArray<DiagnosticSpec>(diagnostics.MoveToImmutable()));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator exception would surface as CS8785 with no location; this names the file.
            return Failure(file.Path, $"SkillRt failed while processing '{file.Path}' ({exception.GetType().Name}: {exception.Message}); please report this");
        }
    }

    private static SkillFileSpec Failure(string path, string message) =>
        new(path, new EquatableArray<DiagnosticSpec>(ImmutableArray.Create(new DiagnosticSpec("SKILL9999", message, path, default, default))));

    private static LinePositionSpan ToLinePositionSpan(SourceSpan span) =>
        new(new LinePosition(span.StartLine - 1, span.StartColumn - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1));

    private static TextSpan ToTextSpan(SourceText text, LinePositionSpan span)
    {
        var start = ToPosition(text, span.Start);
        var end = Math.Max(start, ToPosition(text, span.End));
        return TextSpan.FromBounds(start, end);
    }

    private static int ToPosition(SourceText text, LinePosition position)
    {
        if (position.Line >= text.Lines.Count)
        {
            return text.Length;
        }

        var line = text.Lines[position.Line];
        return Math.Min(line.Start + position.Character, line.EndIncludingLineBreak);
    }
}
