using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
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
/// The source generator over 1, 100 and 1000 pr-review-sized skills: a cold run (a new driver, as
/// a fresh build or a newly opened IDE does) and an incremental run after one SKILL.md changes (what
/// an IDE does on every keystroke in a skill).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText[] _skills = null!;
    private SkillFileOptions _options = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _edited = null!;
    private AdditionalText _original = null!;
    private bool _useEdited;

    [Params(1, 100, 1000)]
    public int Skills { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "pr-review.md"));
        _skills = Enumerable.Range(0, Skills)
            .Select(i => (AdditionalText)new SkillText($"/project/skills/pr-review-{i}/SKILL.md", template.Replace("name: pr-review", $"name: pr-review-{i}", System.StringComparison.Ordinal)))
            .ToArray();
        _options = new SkillFileOptions();
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class C { }")], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

        _original = _skills[0];
        _edited = new SkillText(_original.Path, _original.GetText()!.ToString().Replace("most severe first", "most severe first, then by file", System.StringComparison.Ordinal));
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
}
