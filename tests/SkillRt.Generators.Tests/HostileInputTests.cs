using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SkillRt.Tests.Fuzzing;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The foundation's mutated corpus, fed through the whole generator (parse, validate, map types,
/// emit) and then the compiler: no exception may escape, and whatever the generator emits compiles.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Mutated_skills_never_crash_the_generator_and_what_it_emits_compiles()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_SEED"), out var s) ? s : 20261124;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_GENERATOR_FUZZ_ITERATIONS"), out var n) ? n : 1_500;
        var seeds = SkillMutator.LoadSeeds();
        var random = new Random(seed);
        var generated = 0;

        for (var i = 0; i < iterations; i++)
        {
            var input = Encoding.UTF8.GetString(SkillMutator.Mutate(seeds[random.Next(seeds.Count)], random));
            var (result, diagnostics) = new GeneratorHarness().AddSkill("/project/skills/fuzz/SKILL.md", input).Compile();

            var failure = result.Results.Single().Exception;
            Assert.True(failure is null, $"Iteration {i} (seed {seed}) threw {failure}. Input: {Convert.ToBase64String(Encoding.UTF8.GetBytes(input))}");
            Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001" or "SKILL9999");

            // Skill errors stop generation; anything generated must compile cleanly.
            if (result.GeneratedTrees.Length > 0)
            {
                generated++;
                var compileErrors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
                Assert.True(compileErrors.Count == 0, $"Iteration {i} (seed {seed}) generated code that does not compile: {string.Join("; ", compileErrors.Take(3))}. Input: {Convert.ToBase64String(Encoding.UTF8.GetBytes(input))}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{iterations} mutations, seed {seed}, {generated} generated code");
    }
}
