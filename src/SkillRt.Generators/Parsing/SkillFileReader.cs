using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace SkillRt.Generators;

/// <summary>Turns one SKILL.md additional file into a <see cref="SkillSpec"/> using the shared parser and validator.</summary>
internal static class SkillFileReader
{
    public static SkillSpec Read(SkillFileRequest request, CancellationToken cancellationToken)
    {
        var path = request.File.Path;
        try
        {
            var text = request.File.GetText(cancellationToken);
            if (text is null)
            {
                return Failure(path, $"SkillRt could not read '{path}'; check that the file exists and is readable");
            }

            var content = text.ToString();
            var validation = SkillValidator.Validate(SkillDocument.Parse(content, path));
            var locator = new SourceLocator(path, content, text);
            var diagnostics = new List<DiagnosticSpec>(validation.Diagnostics.Count);
            foreach (var diagnostic in validation.Diagnostics)
            {
                diagnostics.Add(new DiagnosticSpec(diagnostic.Id, diagnostic.Message, locator.Locate(diagnostic.Span)));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var code = validation.HasErrors ? null : SkillModelBuilder.Build(validation, request, content, locator, diagnostics);
            return new SkillSpec(path, new EquatableArray<DiagnosticSpec>(diagnostics.ToImmutableArray()), code);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator exception would surface as CS8785 with no location; this names the file.
            return Failure(path, $"SkillRt failed while processing '{path}' ({exception.GetType().Name}: {exception.Message}); please report this");
        }
    }

    private static SkillSpec Failure(string path, string message) =>
        new(path, new EquatableArray<DiagnosticSpec>(ImmutableArray.Create(new DiagnosticSpec(GeneratorDiagnostics.GeneratorFailure.Id, message, new DiagnosticLocation(path, default, default)))), null);
}
