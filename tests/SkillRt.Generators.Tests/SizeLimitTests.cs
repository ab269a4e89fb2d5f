using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Issue 14, items 6 and 7 in the build: a cyclic <c>$ref</c> was a SKILL1002 warning here while
/// the runtime crashed on it, and skills with huge enums or thousands of inputs drove the compiler
/// to gigabytes and minutes. The build now refuses both with the validator's own diagnostics and
/// generates nothing for them; a skill at every limit at once generates code that compiles.
/// </summary>
public sealed class SizeLimitTests
{
    [Theory]
    [InlineData("SKILL0405", "outputs:\n  schema:\n    $defs:\n      a: {$ref: '#/$defs/b'}\n      b: {$ref: '#/$defs/a'}\n    properties:\n      x: {$ref: '#/$defs/a'}\n")]
    [InlineData("SKILL0901", null)]
    [InlineData("SKILL0902", "inputs:\n  - name: e\n    enum: [ENUM]\n")]
    public void The_build_refuses_what_the_validator_refuses_and_generates_nothing(string id, string? yaml)
    {
        yaml = id switch
        {
            "SKILL0901" => "inputs:\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"  - name: i{i}\n")),
            "SKILL0902" => yaml!.Replace("ENUM", string.Join(", ", Enumerable.Range(0, 100_000).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))), StringComparison.Ordinal),
            _ => yaml!,
        };

        var result = new GeneratorHarness().AddSkill("/project/big/SKILL.md", "---\nname: big\ndescription: d\nversion: 1.0.0\n" + yaml + "---\nBody.\n").Run();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("/project/big/SKILL.md", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SKILL1002");
        Assert.DoesNotContain(result.GeneratedTrees, tree => tree.FilePath.EndsWith("BigSkill.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_skill_at_every_limit_generates_code_that_compiles()
    {
        var enumValues = string.Join(", ", Enumerable.Range(0, SkillSizeLimits.MaxEnumValues).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture)));
        var nested = string.Concat(Enumerable.Repeat("{type: array, items: ", SkillSizeLimits.MaxSchemaDepth - 2)) + "{type: string}" + new string('}', SkillSizeLimits.MaxSchemaDepth - 2);
        var text = "---\nname: big\ndescription: d\nversion: 1.0.0\ninputs:\n" +
            "  - name: e\n    enum: [" + enumValues + "]\n" +
            string.Concat(Enumerable.Range(1, SkillSizeLimits.MaxInputs - 1).Select(i => $"  - name: i{i}\n    type: integer\n")) +
            "outputs:\n  schema:\n    type: object\n    properties:\n" +
            "      deep: " + nested + "\n" +
            "      kind: {type: string, enum: [" + enumValues + "]}\n" +
            string.Concat(Enumerable.Range(2, SkillSizeLimits.MaxProperties - 2).Select(i => $"      p{i}: {{type: string, pattern: '^[a-z]+$', maxLength: 20}}\n")) +
            "---\n{{ e }}\n";

        var stopwatch = Stopwatch.StartNew();
        var (result, diagnostics) = new GeneratorHarness().AddSkill("/project/big/SKILL.md", text).Compile();

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith("BigSkill.g.cs", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"generated {result.GeneratedTrees.Sum(t => t.Length) / 1024} KB and compiled in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void A_large_enum_reads_and_writes_every_value_through_its_table()
    {
        var values = Enumerable.Range(0, 100).Select(i => "v-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var text = "---\nname: big\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: e\n    required: true\n    enum: [" + string.Join(", ", values) + "]\n---\n{{ e }}\n";
        var (diagnostics, assembly) = new GeneratorHarness().AddSkill("/project/big/SKILL.md", text).CompileAndLoad();
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var contract = assembly!.GetType("Consumer.Skills.BigSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var read = contract.GetType().GetMethod("TryReadInput")!;
        var write = contract.GetType().GetMethod("WriteInput")!;

        foreach (var value in new[] { values[0], values[63], values[64], values[99] })
        {
            using var json = System.Text.Json.JsonDocument.Parse("{\"e\":\"" + value + "\"}");
            object?[] arguments = [json.RootElement, null, null];
            Assert.True((bool)read.Invoke(contract, arguments)!, value);
            using var stream = new System.IO.MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            {
                write.Invoke(contract, [writer, arguments[1]]);
            }

            Assert.Equal("{\"e\":\"" + value + "\"}", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }

        using var wrong = System.Text.Json.JsonDocument.Parse("{\"e\":\"v-100\"}");
        Assert.False((bool)read.Invoke(contract, [wrong.RootElement, null, null])!);
    }
}
