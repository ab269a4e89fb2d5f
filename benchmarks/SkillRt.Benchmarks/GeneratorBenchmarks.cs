using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace SkillRt.Benchmarks;

/// <summary>
/// The source generator over 1, 100 and 1000 pr-review-sized skills: a cold run (a new driver, as
/// a fresh build or a newly opened IDE does) and an incremental run after one SKILL.md changes (what
/// an IDE does on every keystroke in a skill).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorRun _run = null!;

    [Params(1, 100, 1000)]
    public int Skills { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "pr-review.md"));
        var skills = Enumerable.Range(0, Skills)
            .Select(i => (AdditionalText)new SkillText($"/project/skills/pr-review-{i}/SKILL.md", template.Replace("name: pr-review", $"name: pr-review-{i}", System.StringComparison.Ordinal)))
            .ToArray();
        _run = new GeneratorRun(skills, 0, ("most severe first", "most severe first, then by file"));
    }

    [Benchmark]
    public GeneratorDriver Cold() => _run.Cold();

    // Alternates between two versions of one skill, so every run sees a real edit.
    [Benchmark]
    public GeneratorDriver IncrementalAfterOneEdit() => _run.AfterOneEdit();
}
