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
    private static readonly string[] Noise =
    [
        "---", "\n---\n", "...", ": ", ":", "- ", "? ", "&a ", "*a", "*b ", "&b [*a,*a,*a]", "!!str ", "!!binary ", "!<tag> ",
        "[", "]", "{", "}", "[[[[[[[[", "]]]]", "\"", "'", "|", ">-", "#", "\t", "\r", "\r\n", "\n  ", "%YAML 1.2\n", "\u00A0", "\uFEFF",
        "{{", "}}", "{{ x }}", "{%", "%}", "{% raw %}", "{% for i in x %}", "\\", "\\u12", "~", "null", "0x", "1e999", "-.inf", "é", "🚀",
        "\\UFFFFFFFF", "\\U0010FFFF", "\\uD800", "\\x", "\"\\", "'it's'", "0x" + new string('F', 80), "!!float ", "!<x> ", "[? k]",
        "\n  - name: x\n    type: json\n", "\ninputs:\n", "\noutputs:\n  schema:\n    $ref: '#/a/b'\n", "\n<<: *a\n", "type: [", "\u0085", "\u2028",
    ];

    [Fact]
    public async Task Mutated_skills_never_throw_and_finish_quickly()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_SEED"), out var s) ? s : 20261124;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_ITERATIONS"), out var n) ? n : 20_000;
        var seeds = LoadSeeds();
        var random = new Random(seed);
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], random);
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

    private static List<byte[]> LoadSeeds() =>
        Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestPaths.Fixtures, "SKILL.md", SearchOption.AllDirectories))
            .Select(File.ReadAllBytes)
            .ToList();

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var mutations = 1 + random.Next(6);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var position = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
                case 1:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 3:
                    bytes.InsertRange(position, Encoding.UTF8.GetBytes(Noise[random.Next(Noise.Length)]));
                    break;
                case 4:
                    bytes.RemoveRange(position, Math.Min(bytes.Count - position, 1 + random.Next(40)));
                    break;
                default:
                    // Duplicate a run of bytes elsewhere: repeats keys, splits lines, nests blocks.
                    var length = Math.Min(bytes.Count - position, 1 + random.Next(80));
                    var chunk = bytes.GetRange(position, length);
                    bytes.InsertRange(random.Next(bytes.Count), chunk);
                    break;
            }
        }

        return [.. bytes];
    }
}
