using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SkillRt.Schemas;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Issue 25's measurement on real schemas: every component schema of the OpenAI API description
/// (OpenAPI 3.1, read in place from ../shared/testdata) becomes one skill's output schema, its
/// <c>$ref</c>s brought into <c>$defs</c>. All 1,422 skills are generated and compiled together,
/// once. Counted: the skills whose code compiles with no generator error and no SKILL0403, and the
/// document's examples that the validator accepts and the generated reader reads back.
/// </summary>
public sealed partial class OpenAiSchemaTests
{
    private static readonly string OpenAi = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "openai", "openapi.yaml");

    [GeneratedRegex(@"Oa(\d+)Skill")]
    private static partial Regex SkillClass();

    [Fact]
    public void Every_openai_component_schema_generates_code_that_compiles_and_reads_the_documents_examples()
    {
        Assert.True(File.Exists(OpenAi), $"The OpenAI API description is expected at {OpenAi}.");
        var clock = Stopwatch.StartNew();
        var schemas = OpenApiSchemas.Load(OpenAi);
        var names = schemas.Names.ToList();
        var documents = names.Select(n => schemas.Standalone(n).ToJsonString()).ToList();
        var load = clock.Elapsed;

        var harness = new GeneratorHarness();
        for (var i = 0; i < names.Count; i++)
        {
            harness.AddSkill($"/project/skills/oa-{i}/SKILL.md", $"---\nname: oa-{i}\ndescription: The OpenAI component {names[i]}.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema: {documents[i]}\n---\nAnswer.\n");
        }

        clock.Restart();
        var (diagnostics, assembly) = harness.CompileAndLoad();
        var build = clock.Elapsed;

        // Each skill fails for a generator error or SKILL0403 at its file, or a compiler error in its code.
        var failed = new Dictionary<int, string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "SKILL0403"))
        {
            var path = diagnostic.Location.GetLineSpan().Path;
            var index = path.StartsWith("/project/skills/oa-", StringComparison.Ordinal)
                ? int.Parse(Path.GetFileName(Path.GetDirectoryName(path))!["oa-".Length..], System.Globalization.CultureInfo.InvariantCulture)
                : SkillClass().Match(path) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            Assert.True(index >= 0, $"A diagnostic outside any skill: {diagnostic}");
            failed.TryAdd(index, $"{names[index]}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        Assert.DoesNotContain(diagnostics, d => d.Id is "SKILL9999" or "CS8785" or "AD0001");
        var output = TestContext.Current.TestOutputHelper;
        foreach (var failure in failed.Values.Order(StringComparer.Ordinal))
        {
            output?.WriteLine("Fails: " + failure);
        }

        // The examples: those the validator accepts must be read back by the generated reader.
        var examples = schemas.Examples();
        int matching = 0, readBack = 0, untested = 0;
        var notRead = new List<string>();
        foreach (var (component, json, source) in examples)
        {
            var index = names.IndexOf(component);
            using var value = JsonDocument.Parse(json);
            if (!JsonSchemaValidator.Create(documents[index]).IsValid(value.RootElement))
            {
                continue;
            }

            matching++;
            if (assembly is null || failed.ContainsKey(index))
            {
                untested++;
                continue;
            }

            var contract = assembly.GetType($"Consumer.Skills.Oa{index}Skill")!.GetProperty("Contract")!.GetValue(null)!;
            var arguments = new object?[] { json, null, null };
            if ((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!)
            {
                readBack++;
            }
            else
            {
                notRead.Add($"{source} ({component}): {string.Join("; ", ((IEnumerable<SkillViolation>)arguments[2]!).Take(3))}");
            }
        }

        foreach (var line in notRead)
        {
            output?.WriteLine("Not read back: " + line);
        }

        var compiled = names.Count - failed.Count;
        output?.WriteLine($"{names.Count} component schemas: {compiled} generate code that compiles with no generator error or SKILL0403, {failed.Count} do not" + (assembly is null ? " (the assembly did not build)" : string.Empty));
        output?.WriteLine($"{examples.Count} examples: {matching} match their schema, {readBack} read back by the generated reader, {notRead.Count} not, {untested} of skills that failed");
        output?.WriteLine($"loaded in {load.TotalSeconds:F1} s; generated, compiled and loaded in {build.TotalSeconds:F1} s; {SkillViolationCount(diagnostics, "SKILL1002")} SKILL1002 infos");

        Assert.NotNull(assembly);
        Assert.Equal(names.Count, compiled);
        Assert.True(matching >= 50, $"Only {matching} examples match their schemas; the document or the reader of its examples changed.");
        Assert.Empty(notRead);
    }

    private static int SkillViolationCount(IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Count(d => d.Id == id);
}
