using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests.Fuzzing;

/// <summary>
/// Feeds thousands of mutated SKILL.md files (truncation, byte flips, inserted YAML and Liquid
/// noise, spliced lines) through parse + validate and asserts that nothing throws and every run
/// finishes in bounded time. The seed is fixed so a failure reproduces; SKILLRT_FUZZ_SEED and
/// SKILLRT_FUZZ_ITERATIONS override it for longer local runs.
/// </summary>
public sealed class MutationFuzzTests
{
    [Fact]
    public async Task Mutated_skills_never_throw_and_finish_quickly()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_SEED"), out var s) ? s : 20261124;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_ITERATIONS"), out var n) ? n : 20_000;
        var seeds = SkillMutator.LoadSeeds();
        var random = new Random(seed);
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < iterations; i++)
        {
            var input = SkillMutator.Mutate(seeds[random.Next(seeds.Count)], random);
            var started = DateTime.UtcNow;
            var asText = (i & 1) == 1;
            var task = Task.Run(
                () =>
                {
                    // Odd iterations go through the string overload, as the generator does with SourceText.
                    var document = asText ? SkillDocument.Parse(Encoding.UTF8.GetString(input), "fuzz/case/SKILL.md") : SkillDocument.Parse(input, "fuzz/case/SKILL.md");
                    var result = SkillValidator.Validate(document);
                    foreach (var diagnostic in result.Diagnostics)
                    {
                        _ = diagnostic.ToString("fuzz/case/SKILL.md");
                        if (diagnostic.Span.StartLine < 1 || diagnostic.Span.StartColumn < 1)
                        {
                            throw new InvalidOperationException("Positions must be one-based: " + diagnostic);
                        }

                        // The reader's last-resort catch must never be what handles an input.
                        if (diagnostic.Message.Contains("internal error", StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException("Unexpected exception inside the parser: " + diagnostic);
                        }
                    }

                    _ = result.Document.Frontmatter?.ToJson();
                },
                TestContext.Current.CancellationToken);

            var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            if (finished != task)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) did not finish within 10 s. Input (base64): {Convert.ToBase64String(input)}");
            }

            if (task.IsFaulted)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) threw {task.Exception!.InnerException}. Input (base64): {Convert.ToBase64String(input)}");
            }

            var elapsed = DateTime.UtcNow - started;
            slowest = elapsed > slowest ? elapsed : slowest;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{iterations} mutations, seed {seed}, slowest {slowest.TotalMilliseconds:F1} ms");
    }
}
