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

        var harness = new GeneratorHarness().WithoutStepTracking();
        for (var i = 0; i < names.Count; i++)
        {
            harness.AddSkill($"/project/skills/oa-{i}/SKILL.md", $"---\nname: oa-{i}\ndescription: The OpenAI component {names[i]}.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema: {documents[i]}\n---\nAnswer.\n");
        }

        clock.Restart();
        var (diagnostics, assembly) = harness.CompileAndLoad();
        var build = clock.Elapsed;

        // Each skill fails for a generator error or SKILL0403 at its file, or a compiler error in its code.
        var failed = new Dictionary<int, string>();
        var unplaced = new List<string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "SKILL0403"))
        {
            var path = diagnostic.Location.GetLineSpan().Path ?? string.Empty;
            var index = path.StartsWith("/project/skills/oa-", StringComparison.Ordinal)
                ? int.Parse(path["/project/skills/oa-".Length..path.IndexOf("/SKILL.md", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)
                : SkillClass().Match(path) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (index < 0)
            {
                unplaced.Add(diagnostic.ToString());
                continue;
            }

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
        var validators = new Dictionary<int, JsonSchemaValidator?>();
        int matching = 0, readBack = 0, untested = 0;
        var notRead = new List<string>();
        foreach (var (component, json, source) in examples)
        {
            var index = names.IndexOf(component);
            using var value = JsonDocument.Parse(json);
            if (!validators.TryGetValue(index, out var validator))
            {
                try
                {
                    validator = JsonSchemaValidator.Create(documents[index]);
                }
                catch (ArgumentException)
                {
                    // Not a valid 2020-12 schema (the skill fails with SKILL0402): no example matches it.
                    validator = null;
                }

                validators[index] = validator;
            }

            if (validator is null || !validator.IsValid(value.RootElement))
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

        foreach (var line in unplaced.Take(20))
        {
            output?.WriteLine("Outside any skill: " + line);
        }

        var compiled = names.Count - failed.Count;
        output?.WriteLine($"{names.Count} component schemas: {compiled} generate code that compiles with no generator error or SKILL0403, {failed.Count} do not" + (assembly is null ? " (the assembly did not build)" : string.Empty));
        output?.WriteLine($"{examples.Count} examples: {matching} match their schema, {readBack} read back by the generated reader, {notRead.Count} not, {untested} of skills that failed");
        output?.WriteLine($"{schemas.RecursiveRefs} $recursiveRef '#' rewritten to $ref");
        output?.WriteLine($"loaded in {load.TotalSeconds:F1} s; generated, compiled and loaded in {build.TotalSeconds:F1} s; {DiagnosticCount(diagnostics, "SKILL1002")} SKILL1002 infos, {DiagnosticCount(diagnostics, "SKILL1004")} SKILL1004, {DiagnosticCount(diagnostics, "SKILL1006")} SKILL1006, {DiagnosticCount(diagnostics, "SKILL1007")} SKILL1007");
        foreach (var overlap in diagnostics.Where(d => d.Id == "SKILL1007").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal).Take(10))
        {
            output?.WriteLine("SKILL1007: " + overlap);
        }

        Assert.Empty(unplaced);
        Assert.NotNull(assembly);

        // The only failures are the document's own mistakes against JSON Schema 2020-12: OpenAPI
        // 3.0's boolean exclusiveMinimum (FineTune*Hyperparameters and what uses them) and a
        // required list that names properties twice (ContainerResource).
        var others = failed.Values.Where(f => !(f.Contains(" SKILL0402 ", StringComparison.Ordinal) &&
            (f.Contains("exclusiveMinimum': must be a finite number", StringComparison.Ordinal) || f.Contains("must list distinct property names", StringComparison.Ordinal)))).ToList();
        Assert.True(others.Count == 0, string.Join(Environment.NewLine, others));
        Assert.True(compiled >= 1410, $"Only {compiled} of {names.Count} component schemas compile.");
        Assert.True(matching >= 150, $"Only {matching} examples match their schemas; the document or the reader of its examples changed.");
        Assert.Empty(notRead);
    }

    private static int DiagnosticCount(IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Count(d => d.Id == id);
}
