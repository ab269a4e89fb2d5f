using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>Runs <see cref="SkillGenerator"/> in memory over SKILL.md texts, the way the compiler does.</summary>
internal sealed class GeneratorHarness
{
    public const string ProjectDirectory = "/project/";

    private readonly Dictionary<string, string> _global = new(StringComparer.Ordinal)
    {
        ["build_property.RootNamespace"] = "Consumer",
        ["build_property.ProjectDir"] = ProjectDirectory,
    };

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _fileOptions = new(StringComparer.Ordinal);
    private readonly List<AdditionalText> _files = [];
    private bool _withoutRuntime;
    private bool _trackSteps = true;

    public static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Adds a SkillFile item; <paramref name="metadata"/> are extra item metadata such as Namespace.</summary>
    public GeneratorHarness AddSkill(string path, string text, params (string Name, string Value)[] metadata) =>
        AddFile(new InMemoryAdditionalText(path, text), [("SourceItemType", "SkillFile"), .. metadata]);

    /// <summary>Adds an AgentDoc item, as <c>&lt;AgentDoc Include="…" /&gt;</c> does through SkillRt.targets.</summary>
    public GeneratorHarness AddAgentDoc(string path, string text) =>
        AddFile(new InMemoryAdditionalText(path, text), ("SourceItemType", "AgentDoc"));

    public GeneratorHarness AddFile(AdditionalText file, params (string Name, string Value)[] metadata)
    {
        _files.Add(file);
        _fileOptions[file.Path] = metadata.ToDictionary(m => "build_metadata.AdditionalFiles." + m.Name, m => m.Value, StringComparer.Ordinal);
        return this;
    }

    /// <summary>Leaves SkillRt.Runtime out of the compilation's references.</summary>
    public GeneratorHarness WithoutRuntime()
    {
        _withoutRuntime = true;
        return this;
    }

    /// <summary>
    /// Leaves incremental step tracking off, as in a real build: Roslyn's record of tracked steps
    /// grows quadratically with the number of files, which dominates a run over a thousand skills.
    /// </summary>
    public GeneratorHarness WithoutStepTracking()
    {
        _trackSteps = false;
        return this;
    }

    public GeneratorHarness WithGlobal(string key, string value)
    {
        _global[key] = value;
        return this;
    }

    // Documentation comments are parsed and checked, as with GenerateDocumentationFile, so a bad doc comment fails (CS1570).
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            "Consumer",
            trees.Length > 0 ? trees : [CSharpSyntaxTree.ParseText("namespace Consumer; /// <summary>The program.</summary>\npublic static class Program { }", ParseOptions, cancellationToken: CancellationToken)],
            CompilationReferences.Value,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SkillGenerator().AsSourceGenerator()],
            _files,
            parseOptions: ParseOptions,
            optionsProvider: new TestOptionsProvider(_global, _fileOptions),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: _trackSteps));

    public GeneratorDriverRunResult Run() => CreateDriver().RunGenerators(_withoutRuntime ? WithoutRuntimeReference(CreateCompilation()) : CreateCompilation(), CancellationToken).GetRunResult();

    private static CSharpCompilation WithoutRuntimeReference(CSharpCompilation compilation) =>
        compilation.RemoveReferences(compilation.References.Where(r => r.Display?.EndsWith("SkillRt.Runtime.dll", StringComparison.Ordinal) == true));

    public ImmutableArray<Diagnostic> Diagnostics() => Run().Diagnostics;

    /// <summary>Runs the generator and compiles its output with the SkillRt runtime; returns the compiler's diagnostics.</summary>
    public (GeneratorDriverRunResult Result, ImmutableArray<Diagnostic> CompilerDiagnostics) Compile()
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out var generatorDiagnostics, CancellationToken);
        return (driver.GetRunResult(), output.GetDiagnostics(CancellationToken).AddRange(generatorDiagnostics));
    }

    /// <summary>
    /// Runs the generator, compiles the result and loads it into a collectible context (the SkillRt
    /// runtime is shared with the test). Returns the generator's diagnostics and the assembly, which
    /// is null when the code does not compile.
    /// </summary>
    public (ImmutableArray<Diagnostic> Diagnostics, System.Reflection.Assembly? Assembly) CompileAndLoad()
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out _, CancellationToken);
        using var stream = new System.IO.MemoryStream();
        var emitted = output.Emit(stream, cancellationToken: CancellationToken);
        var diagnostics = driver.GetRunResult().Diagnostics.AddRange(emitted.Diagnostics);
        if (!emitted.Success)
        {
            return (diagnostics, null);
        }

        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("generated", isCollectible: true);
        return (diagnostics, context.LoadFromStream(stream));
    }

    // The runtime assembly and everything the generated code touches, from this test's own references.
    private static readonly Lazy<MetadataReference[]> CompilationReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Concat([typeof(SkillContract<,>).Assembly.Location, typeof(SkillDocument).Assembly.Location, typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());
}
