using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Generators;

/// <summary>
/// Compiles every additional file whose <c>SourceItemType</c> is <c>SkillFile</c> into typed C#: an
/// input record, output types from the output schema, and a <c>{Name}Skill</c> class with the
/// descriptor, the contract and the run methods; plus one <c>SkillCatalog</c> per project. Every
/// validator diagnostic is reported at its SKILL.md line and column. Additional files whose
/// <c>SourceItemType</c> is <c>AgentDoc</c> are the agent-docs that skills' declared operations are
/// checked against.
/// </summary>
/// <remarks>
/// The pipeline depends only on additional texts and analyzer config options, never on syntax
/// trees or the compilation, so editing C# code does no skill work, and editing one SKILL.md
/// regenerates that skill only.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class SkillGenerator : IIncrementalGenerator
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var requests = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => ToRequest(pair.Left, pair.Right))
            .Where(static request => request is not null)
            .Select(static (request, _) => request!)
            .WithTrackingName(TrackingNames.SkillFiles);

        // Which Markdown files are skills depends on the other items too: a Markdown file inside the
        // folder of a SKILL.md item is one of that skill's files (spec section 2.5). Only paths are
        // compared, so editing a file's text leaves this step unchanged.
        var skillFolders = requests
            .Select(static (request, _) => request.File.Path)
            .Collect()
            .Select(static (paths, _) => new EquatableArray<string>(SkillFileRule.SkillFolders(paths).OrderBy(p => p, StringComparer.Ordinal).ToImmutableArray()))
            .WithTrackingName(TrackingNames.SkillFolders);

        var specs = requests
            .Combine(skillFolders)
            .Select(static (input, cancellationToken) => SkillFileReader.Read(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.SkillSpecs);

        var catalogNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Identifiers.EscapeNamespace(DefaultNamespace(options.GlobalOptions)));

        var conflicts = specs
            .Select(static (spec, _) => new TypeNameClaim(spec.FilePath, spec.Code?.Namespace, spec.Code?.TypeNames ?? default))
            .WithTrackingName(TrackingNames.TypeNames)
            .Collect()
            .Combine(catalogNamespace)
            .Select(static (input, _) => FindConflicts(input.Left, input.Right))
            .WithTrackingName(TrackingNames.TypeConflicts);

        // Generated code needs SkillRt.Runtime; without it, say so once instead of a page of CS0400s.
        // Only the reference list is read, never the compilation, so editing code does no work here.
        var hasRuntime = context.MetadataReferencesProvider
            .Select(static (reference, _) => string.Equals(Path.GetFileName(reference.Display), "SkillRt.Runtime.dll", StringComparison.OrdinalIgnoreCase))
            .Collect()
            .Select(static (found, _) => found.Contains(true))
            .WithTrackingName(TrackingNames.RuntimeReference);

        context.RegisterSourceOutput(
            specs.Combine(conflicts).Combine(hasRuntime).WithTrackingName(TrackingNames.SkillOutputs),
            static (output, input) => Emit(output, input.Left.Left, input.Left.Right, input.Right));

        var catalog = specs
            .Select(static (spec, _) => spec.Code is { } code ? new CatalogEntry(spec.FilePath, "global::" + code.Namespace + "." + Identifiers.Escape(code.ClassName), code.Contract is not null) : null)
            .WithTrackingName(TrackingNames.CatalogEntries)
            .Collect()
            .Combine(conflicts)
            .Combine(catalogNamespace)
            .Select(static (input, _) => BuildCatalog(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(catalog.Combine(hasRuntime), static (output, input) =>
        {
            var (catalog, runtime) = input;
            if (catalog.Entries.Count > 0 && !runtime)
            {
                output.ReportDiagnostic(Diagnostic.Create(
                    GeneratorDiagnostics.RuntimeNotReferenced,
                    Location.None));
                return;
            }

            if (catalog.Entries.Count > 0)
            {
                output.AddSource(CatalogEmitter.HintName, SourceText.From(CatalogEmitter.Emit(catalog.Namespace, catalog.Entries), Encoding.UTF8));
            }
        });

        CheckAgentDocs(context, specs);
    }

    /// <summary>
    /// The build's check of the operations skills declare under <c>dependencies.agent-docs</c> against the
    /// project's <c>AgentDoc</c> items. Each agent-doc is read once per change of its text; the check of a
    /// skill reruns only when its declarations or the set of agent-docs change, never for its body or for C#.
    /// </summary>
    private static void CheckAgentDocs(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<SkillSpec> specs)
    {
        var outlines = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => ToAgentDocRequest(pair.Left, pair.Right))
            .Where(static request => request is not null)
            .Select(static (request, _) => request!)
            .WithTrackingName(TrackingNames.AgentDocFiles)
            .Select(static (request, cancellationToken) => AgentDocOutlineReader.Read(request, cancellationToken))
            .WithTrackingName(TrackingNames.AgentDocOutlines);

        // A file that cannot be read is an error at its own line, not a crash and not a silent skip.
        context.RegisterSourceOutput(outlines, static (output, outline) => Report(output, outline.Diagnostics));

        var agentDocs = outlines
            .Where(static outline => outline.IsReadable)
            .Collect()
            .Select(static (items, _) => new EquatableArray<AgentDocOutline>(items.OrderBy(o => o.DisplayPath, StringComparer.Ordinal).ToImmutableArray()))
            .WithTrackingName(TrackingNames.AgentDocSet);

        var checks = specs
            .Select(static (spec, _) => spec.AgentDocUse)
            .Where(static use => use is not null)
            .Select(static (use, _) => use!)
            .WithTrackingName(TrackingNames.AgentDocUses)
            .Combine(agentDocs)
            .Select(static (input, _) => AgentDocOperationCheck.Check(input.Left, input.Right))
            .WithTrackingName(TrackingNames.AgentDocChecks);

        context.RegisterSourceOutput(checks, static (output, diagnostics) => Report(output, diagnostics));
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticSpec> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static AgentDocFileRequest? ToAgentDocRequest(AdditionalText file, AnalyzerConfigOptionsProvider provider) =>
        provider.GetOptions(file).TryGetValue(MetadataPrefix + "SourceItemType", out var itemType) &&
        string.Equals(itemType, "AgentDoc", StringComparison.OrdinalIgnoreCase)
            ? new AgentDocFileRequest(file, Value(provider.GlobalOptions, "build_property.ProjectDir"))
            : null;

    private static SkillFileRequest? ToRequest(AdditionalText file, AnalyzerConfigOptionsProvider provider)
    {
        var options = provider.GetOptions(file);
        if (!options.TryGetValue(MetadataPrefix + "SourceItemType", out var itemType) ||
            !string.Equals(itemType, "SkillFile", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var global = provider.GlobalOptions;
        return new SkillFileRequest(
            file,
            DefaultNamespace(global),
            Value(options, MetadataPrefix + "Namespace"),
            Value(options, MetadataPrefix + "ClassName"),
            Value(options, MetadataPrefix + "Visibility"),
            Value(global, "build_property.ProjectDir"),
            Value(options, MetadataPrefix + "SkillRtPackage"),
            Value(options, MetadataPrefix + "SkillRtPackagePath"),
            string.Equals(Value(global, "build_property.SkillErrorsOnly"), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary><c>$(RootNamespace).Skills</c>, made a valid namespace (<c>My-App</c> becomes <c>My_App</c>).</summary>
    private static string DefaultNamespace(AnalyzerConfigOptions global)
    {
        var root = Value(global, "build_property.RootNamespace");
        if (root is null)
        {
            return "Skills";
        }

        var parts = root.Split(['.'], StringSplitOptions.RemoveEmptyEntries).Select(Sanitize);
        return string.Join(".", parts.Concat(["Skills"]));
    }

    private static string Sanitize(string part)
    {
        var builder = new StringBuilder(part.Length + 1);
        foreach (var c in part)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static SkillConflicts FindConflicts(ImmutableArray<TypeNameClaim> claims, string catalogNamespace)
    {
        const string Catalogue = "the project's SkillCatalog";
        var owners = new Dictionary<string, string>(StringComparer.Ordinal) { [catalogNamespace + ".SkillCatalog"] = Catalogue };
        var hints = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { CatalogEmitter.HintName };
        var types = ImmutableArray.CreateBuilder<TypeConflict>();
        var suffixed = ImmutableArray.CreateBuilder<string>();

        // The skill whose path sorts first keeps the name, so the outcome does not depend on the order files arrive in.
        foreach (var claim in claims.Where(c => c.Namespace is not null).OrderBy(c => c.FilePath, StringComparer.Ordinal))
        {
            var clashes = false;
            foreach (var typeName in claim.TypeNames)
            {
                var qualified = claim.Namespace + "." + typeName;
                if (owners.TryGetValue(qualified, out var owner))
                {
                    types.Add(new TypeConflict(claim.FilePath, qualified.Replace("@", string.Empty), owner));
                    clashes = true;
                    break;
                }
            }

            if (clashes)
            {
                continue;
            }

            foreach (var typeName in claim.TypeNames)
            {
                owners[claim.Namespace + "." + typeName] = "'" + claim.FilePath + "'";
            }

            // Roslyn compares file names without case: FooBarSkill and FoobarSkill need different ones.
            if (!hints.Add(SkillEmitter.HintName(claim.Namespace!, claim.TypeNames[0])))
            {
                suffixed.Add(claim.FilePath);
            }
        }

        return new SkillConflicts(new EquatableArray<TypeConflict>(types.ToImmutable()), new EquatableArray<string>(suffixed.ToImmutable()));
    }

    private static void Emit(SourceProductionContext output, SkillSpec spec, SkillConflicts conflicts, bool hasRuntime)
    {
        foreach (var diagnostic in spec.Diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (spec.Code is not { } code || !hasRuntime)
        {
            return;
        }

        var clash = conflicts.Types.FirstOrDefault(c => c.FilePath == spec.FilePath);
        if (clash is not null)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                GeneratorDiagnostics.DuplicateTypeName,
                code.NameLocation.ToLocation(),
                code.Descriptor.Name,
                clash.TypeName,
                clash.Owner));
            return;
        }

        try
        {
            var hintName = SkillEmitter.HintName(code.Namespace, code.ClassName);
            if (conflicts.SuffixedHints.Contains(spec.FilePath))
            {
                hintName = hintName.Substring(0, hintName.Length - ".g.cs".Length) + "." + PathHash(spec.FilePath) + ".g.cs";
            }

            output.AddSource(hintName, SourceText.From(SkillEmitter.Emit(code), Encoding.UTF8));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                GeneratorDiagnostics.GeneratorFailure,
                Location.Create(spec.FilePath, default, default),
                "generate code for",
                spec.FilePath,
                $"{exception.GetType().Name}: {exception.Message}",
                "please report this"));
        }
    }

    private static string PathHash(string path)
    {
        // FNV-1a: stable across processes and platforms, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in path)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static CatalogSpec BuildCatalog(ImmutableArray<CatalogEntry?> entries, SkillConflicts conflicts, string @namespace)
    {
        var yielded = new HashSet<string>(conflicts.Types.Select(c => c.FilePath), StringComparer.Ordinal);
        var listed = entries
            .Where(e => e is not null && !yielded.Contains(e.FilePath))
            .Select(e => e!)
            .OrderBy(e => e.FilePath, StringComparer.Ordinal)
            .ToImmutableArray();
        return new CatalogSpec(@namespace, new EquatableArray<CatalogEntry>(listed));
    }
}
