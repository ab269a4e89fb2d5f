using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using SkillRt;

namespace SkillRt.Benchmarks;

/// <summary>
/// Parse + validate, the work the generator, the build task, the runtime and the CLI all do per file.
/// Target (issue 2): under 100 µs and under 100 KB allocated for the 10 KB structured skill.
/// </summary>
[MemoryDiagnoser]
public class ParseAndValidateBenchmarks
{
    private byte[] _large = [];
    private byte[] _minimal = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        _large = File.ReadAllBytes(Path.Combine(data, "large-structured.md"));
        _minimal = File.ReadAllBytes(Path.Combine(data, "minimal.md"));

        // A benchmark of a file with errors would measure the wrong thing.
        foreach (var bytes in new[] { _large, _minimal })
        {
            var result = SkillValidator.Validate(SkillDocument.Parse(bytes, "bench/SKILL.md"), NoFolderCheck);
            if (result.HasErrors)
            {
                throw new InvalidOperationException("Benchmark input has errors: " + string.Join("; ", result.Diagnostics));
            }
        }
    }

    private static readonly SkillValidationOptions NoFolderCheck = new() { CheckFolderName = false };

    [Benchmark(Description = "10 KB structured")]
    public SkillValidationResult Large() => SkillValidator.Validate(SkillDocument.Parse(_large, "bench/SKILL.md"), NoFolderCheck);

    [Benchmark(Description = "minimal structured")]
    public SkillValidationResult Minimal() => SkillValidator.Validate(SkillDocument.Parse(_minimal, "bench/SKILL.md"), NoFolderCheck);

    [Benchmark(Description = "10 KB parse only")]
    public SkillDocument LargeParseOnly() => SkillDocument.Parse(_large, "bench/SKILL.md");
}
