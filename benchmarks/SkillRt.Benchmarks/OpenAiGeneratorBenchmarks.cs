using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
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
    private GeneratorRun _run = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schemas = OpenApiSchemas.Load(Path.Combine(FindTestData(), "openapi", "openai", "openapi.yaml"));
        var names = schemas.Names.ToList();
        var skills = names
            .Select((name, i) => (AdditionalText)new SkillText(
                $"/project/skills/oa-{i}/SKILL.md",
                $"---\nname: oa-{i}\ndescription: The OpenAI component {name}.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema: {schemas.Standalone(name).ToJsonString()}\n---\nAnswer.\n"))
            .ToArray();

        // The chat completion response: a large, typical schema (choices, tool calls, logprobs, usage).
        _run = new GeneratorRun(skills, names.IndexOf("CreateChatCompletionResponse"), ("Answer.", "Answer in JSON."));
    }

    [Benchmark]
    public GeneratorDriver Cold() => _run.Cold();

    // Alternates between two versions of one skill, so every run sees a real edit.
    [Benchmark]
    public GeneratorDriver IncrementalAfterOneEdit() => _run.AfterOneEdit();

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
