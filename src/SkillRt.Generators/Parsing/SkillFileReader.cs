using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>Turns one SKILL.md additional file into a <see cref="SkillSpec"/> using the shared parser and validator.</summary>
internal static class SkillFileReader
{
    /// <param name="request">The SkillFile item.</param>
    /// <param name="skillFolders">The folders of every SKILL.md item, for the rule of which files are skills.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static SkillSpec Read(SkillFileRequest request, EquatableArray<string> skillFolders, CancellationToken cancellationToken)
    {
        var path = request.File.Path;
        try
        {
            var text = request.File.GetText(cancellationToken);
            if (text is null)
            {
                return Failure(path, "read", "the file is missing or cannot be read", "check that it exists and is readable");
            }

            var content = text.ToString();
            var locator = new SourceLocator(path, content, text);
            var diagnostics = new List<DiagnosticSpec>();

            // A README or CHANGELOG caught by <SkillFile Include="*.md" /> is not a skill: say so (as
            // info, which never fails a build) and generate nothing, as `skillrt validate` skips it.
            if (SkillFileRule.Check(path, SkillFileRule.StartsWithFrontmatter(content), skillFolders) is { } notASkill)
            {
                diagnostics.Add(DiagnosticSpec.From(notASkill, locator.Locate(notASkill.Span)));
                return new SkillSpec(path, Reportable(request, diagnostics), null);
            }

            var validation = SkillValidator.Validate(SkillDocument.Parse(content, path));
            foreach (var diagnostic in validation.Diagnostics)
            {
                diagnostics.Add(DiagnosticSpec.From(diagnostic, locator.Locate(diagnostic.Span)));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var code = validation.HasErrors ? null : SkillModelBuilder.Build(validation, request, content, locator, diagnostics);
            return new SkillSpec(path, Reportable(request, diagnostics), code, AgentDocUse(request, validation.Manifest.Dependencies.AgentDocs, locator));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator exception would surface as CS8785 with no location; this names the file.
            return Failure(path, "process", $"{exception.GetType().Name}: {exception.Message}", "please report this");
        }
    }

    /// <summary>The agent-docs the skill declares, located, for the check against AgentDoc items; null when it declares none.</summary>
    private static AgentDocUseSpec? AgentDocUse(SkillFileRequest request, IReadOnlyList<SkillAgentDocDependency> declared, SourceLocator locator)
    {
        if (declared.Count == 0)
        {
            return null;
        }

        var docs = ImmutableArray.CreateBuilder<AgentDocRequirementSpec>(declared.Count);
        foreach (var dependency in declared)
        {
            var operations = ImmutableArray.CreateBuilder<AgentDocOperationUseSpec>(dependency.Operations.Count);
            for (var i = 0; i < dependency.Operations.Count; i++)
            {
                var span = i < dependency.OperationSpans.Count ? dependency.OperationSpans[i] : dependency.Span;
                operations.Add(new AgentDocOperationUseSpec(dependency.Operations[i], locator.Locate(span)));
            }

            docs.Add(new AgentDocRequirementSpec(
                dependency.Name,
                ReferenceEquals(dependency.Range, SkillVersionRange.Any) ? null : dependency.Range.Text,
                locator.Locate(dependency.Span),
                new EquatableArray<AgentDocOperationUseSpec>(operations.ToImmutable())));
        }

        return new AgentDocUseSpec(request.File.Path, new EquatableArray<AgentDocRequirementSpec>(docs.ToImmutable()), request.Package is { } package ? PackagedSkillNote.For(package) : null);
    }

    /// <summary>
    /// The diagnostics to report. With <c>SkillErrorsOnly</c>, errors only. For a skill from a package,
    /// errors only as well: its warnings are for the package's author, and a consumer (perhaps with
    /// warnings as errors) cannot edit the file. Its errors stay, since the skill has no code; they say
    /// which package to blame and how to do without it.
    /// </summary>
    private static EquatableArray<DiagnosticSpec> Reportable(SkillFileRequest request, List<DiagnosticSpec> diagnostics)
    {
        if (!request.ErrorsOnly && request.Package is null)
        {
            return new EquatableArray<DiagnosticSpec>(diagnostics.ToImmutableArray());
        }

        var errors = ImmutableArray.CreateBuilder<DiagnosticSpec>();
        foreach (var diagnostic in diagnostics)
        {
            if (SkillDiagnosticDescriptorMap.Get(diagnostic.Id).DefaultSeverity != DiagnosticSeverity.Error)
            {
                continue;
            }

            errors.Add(request.Package is { } package
                ? diagnostic with { PackageNote = PackagedSkillNote.For(package) }
                : diagnostic);
        }

        return new EquatableArray<DiagnosticSpec>(errors.ToImmutable());
    }

    private static SkillSpec Failure(string path, string action, string problem, string advice) =>
        new(path, new EquatableArray<DiagnosticSpec>(ImmutableArray.Create(DiagnosticSpec.Create(GeneratorDiagnostics.GeneratorFailure, new DiagnosticLocation(path, default, default), action, path, problem, advice))), null);
}
