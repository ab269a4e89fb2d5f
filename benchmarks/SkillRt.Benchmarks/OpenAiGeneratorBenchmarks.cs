using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SkillRt.Generators;
using SkillRt.Generators.Tests;

namespace SkillRt.Benchmarks;

/// <summary>
/// Issue 25's generator cost: every component schema of the OpenAI API description (1,422, read in
/// place from ../shared/testdata, each with the components it reaches in <c>$defs</c>, as
/// OpenAiSchemaTests builds them) as the output schema of one skill, all in one project.
/// <b>Cold</b> runs the generator with a new driver (a fresh build); <b>IncrementalAfterOneEdit</b>
/// keeps the driver and edits one skill's SKILL.md per run (an IDE while a skill is edited). The
/// compiler's own work on the generated code is not included; OpenAiSchemaTests prints it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, id: "OpenAI")]
public class OpenAiGeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText[] _skills = null!;
    private SkillFileOptions _options = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _original = null!;
    private bool _useEdited;

    [GlobalSetup]
    public void Setup()
    {
        var schemas = OpenApiSchemas.Load(Path.Combine(FindTestData(), "openapi", "openai", "openapi.yaml"));
        var names = schemas.Names.ToList();
        _skills = names
            .Select((name, i) => (AdditionalText)new SkillText(
                $"/project/skills/oa-{i}/SKILL.md",
                $"---\nname: oa-{i}\ndescription: The OpenAI component {name}.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema: {schemas.Standalone(name).ToJsonString()}\n---\nAnswer.\n"))
            .ToArray();
        _options = new SkillFileOptions();
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class C { }")], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        // The chat completion response: a large, typical schema (choices, tool calls, logprobs, usage).
        var index = names.IndexOf("CreateChatCompletionResponse");
        _original = _skills[index];
        _edited = new SkillText(_original.Path, _original.GetText()!.ToString().Replace("Answer.", "Answer in JSON.", StringComparison.Ordinal));
        _warm = CreateDriver().RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver IncrementalAfterOneEdit()
    {
        // Alternate between two versions of one skill, so every run sees a real edit.
        var (from, to) = _useEdited ? (_edited, _original) : (_original, _edited);
        _useEdited = !_useEdited;
        _warm = _warm.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
        return _warm;
    }

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new SkillGenerator().AsSourceGenerator()], _skills, optionsProvider: _options);

    private static string FindTestData()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SkillRt.sln")))
            {
                return Path.Combine(directory.FullName, "..", "shared", "testdata");
            }
        }

        throw new InvalidOperationException("SkillRt.sln was not found above " + AppContext.BaseDirectory);
    }
}
