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

            var content = text.ToString();
            var result = SkillValidator.Validate(SkillDocument.Parse(content, file.Path));
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticSpec>(result.Diagnostics.Count);
            LineMap? lines = null;
            foreach (var diagnostic in result.Diagnostics)
            {
                // SkillRt breaks lines at LF, CR and CRLF only; Roslyn also at U+2028, U+2029 and NEL.
                // Going through character offsets puts the squiggle on the right text either way.
                lines ??= LineMap.Build(content);
                var textSpan = ToTextSpan(lines, content.Length, diagnostic.Span);
                diagnostics.Add(new DiagnosticSpec(diagnostic.Id, diagnostic.Message, file.Path, textSpan, text.Lines.GetLinePositionSpan(textSpan)));
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

    private static TextSpan ToTextSpan(LineMap lines, int length, SourceSpan span)
    {
        var start = ToOffset(lines, length, span.StartLine, span.StartColumn);
        var end = Math.Max(start, ToOffset(lines, length, span.EndLine, span.EndColumn));
        return TextSpan.FromBounds(start, end);
    }

    private static int ToOffset(LineMap lines, int length, int line, int column) =>
        line > lines.LineCount ? length : Math.Min(length, lines.LineStart(line) + column - 1);
}
