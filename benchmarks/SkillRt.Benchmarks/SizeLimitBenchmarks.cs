using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SkillRt.Generators;

namespace SkillRt.Benchmarks;

/// <summary>
/// Generation plus compilation (to IL in memory) of one skill at each of the spec's size limits
/// (<see cref="SkillSizeLimits"/>), and at half of it, so that the cost per item can be compared:
/// it must grow linearly and stay within seconds at the limit (issue 14, item 7).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SizeLimitBenchmarks
{
    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(SkillContract<,>).Assembly.Location, typeof(SkillDocument).Assembly.Location, typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location])
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();

    private AdditionalText _skill = null!;

    [Params("enum", "inputs", "properties", "depth")]
    public string Limit { get; set; } = "enum";

    [Params(0.5, 1.0)]
    public double Fraction { get; set; }

    [GlobalSetup]
    public void Setup() => _skill = new SkillText("/project/big/SKILL.md", Skill(Limit, Fraction));

    [Benchmark]
    public bool GenerateAndCompile()
    {
        var compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText("class C { }")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
        CSharpGeneratorDriver.Create([new SkillGenerator().AsSourceGenerator()], [_skill], optionsProvider: new SkillFileOptions())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        // A skill over a limit is refused before any code exists; that would time a diagnostic, not a compile.
        if (!diagnostics.IsEmpty || output.SyntaxTrees.Count() < 3)
        {
            throw new InvalidOperationException($"the {Limit} skill at {Fraction} of its limit generated no code: {string.Join("\n", diagnostics.Take(3))}");
        }

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        return emitted.Success ? true : throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Take(3)));
    }

    /// <summary>A skill with <paramref name="fraction"/> of one limit's worth of items.</summary>
    internal static string Skill(string limit, double fraction)
    {
        static int Of(int maximum, double fraction) => Math.Max(1, (int)(maximum * fraction));
        static string Lines(int count, Func<int, string> line) => string.Concat(Enumerable.Range(0, count).Select(line));
        const string Head = "---\nname: big\ndescription: d\nversion: 1.0.0\n";
        return limit switch
        {
            "enum" => Head + "inputs:\n  - name: e\n    enum: [" + string.Join(", ", Enumerable.Range(0, Of(SkillSizeLimits.MaxEnumValues, fraction)).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))) + "]\n---\n{{ e }}\n",
            "inputs" => Head + "inputs:\n" + Lines(Of(SkillSizeLimits.MaxInputs, fraction), i => $"  - name: i{i}\n    type: string\n") + "---\n{{ i0 }}\n",
            "properties" => Head + "outputs:\n  schema:\n    type: object\n    properties:\n" + Lines(Of(SkillSizeLimits.MaxProperties, fraction), i => $"      p{i}: {{type: string, pattern: '^[a-z]+$', maxLength: 20}}\n") + "---\nAnswer.\n",
            "depth" => Head + "outputs:\n  schema:\n    type: object\n    properties:\n      deep: " + string.Concat(Enumerable.Repeat("{type: array, items: ", Of(SkillSizeLimits.MaxSchemaDepth, fraction) - 2)) + "{type: string}" + new string('}', Of(SkillSizeLimits.MaxSchemaDepth, fraction) - 2) + "\n---\nAnswer.\n",
            _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Not a limit."),
        };
    }
}
