using System;
using System.Linq;
using System.Text;
using SkillRt.Tests.Fuzzing;
using Xunit;

namespace SkillRt.Tests.Interop;

/// <summary>
/// Mutated skills through split and merge: nothing throws, the split's own read-back check never
/// finds a divergence (it would report an internal error), and every split that succeeds is strict
/// for an independent validator and merges back to the same keys and values.
/// </summary>
public sealed class AgentSkillsFuzzTests
{
    [Fact]
    public void Mutated_skills_split_strictly_and_merge_back_or_are_refused()
    {
        var seeds = SkillMutator.LoadSeeds();
        // The same knobs as the parser's fuzz test, for longer local runs.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_SEED"), out var s) ? s : 20260301;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_ITERATIONS"), out var n) ? n / 5 : 4_000;
        var random = new Random(seed);
        var succeeded = 0;
        using var folder = new AgentSkillsTestFolder();
        for (var i = 0; i < iterations; i++)
        {
            var text = Encoding.UTF8.GetString(SkillMutator.Mutate(seeds[random.Next(seeds.Count)], random));
            var split = AgentSkillsFormat.Split(text);
            Assert.All(split.Problems, problem => Assert.DoesNotContain("internal error", problem.Message, StringComparison.Ordinal));
            if (!split.Succeeded)
            {
                continue;
            }

            succeeded++;
            var name = ((FrontmatterScalar)SkillDocument.Parse(split.SkillMarkdown!).Frontmatter!["name"]!).Value;
            Assert.True(StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, name).Count == 0, Show(text, split, null) + string.Join("\n", StrictAgentSkillsValidator.Validate(split.SkillMarkdown!, name)));
            var merge = AgentSkillsFormat.Merge(split.SkillMarkdown!, split.Sidecar);
            Assert.True(merge.Succeeded, Show(text, split, merge));
            Assert.True(
                AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(text).Frontmatter).Keys.Order(StringComparer.Ordinal).SequenceEqual(
                    AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(merge.SkillMarkdown!).Frontmatter).Keys.Order(StringComparer.Ordinal)),
                Show(text, split, merge) + Escape(merge.SkillMarkdown));
            if (split.RewrittenKeys.Count == 0)
            {
                Assert.Equal(AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(text).Frontmatter), AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(merge.SkillMarkdown!).Frontmatter));

                // Loaded from disk with the sidecar, SkillRt sees what it saw in the original.
                var loaded = SkillValidator.Validate(SkillDocument.Load(folder.WriteSplit(name, split)));
                Assert.Equal(AgentSkillsTestFolder.JsonByKey(SkillDocument.Parse(text).Frontmatter), AgentSkillsTestFolder.JsonByKey(loaded.Document.Frontmatter));
                Assert.Equal(
                    SkillValidator.Validate(text, "x/" + name + "/SKILL.md").Diagnostics.Select(d => d.Id + d.Message).Order(StringComparer.Ordinal),
                    loaded.Diagnostics.Select(d => d.Id + d.Message).Order(StringComparer.Ordinal));
            }
        }

        // Most mutations break a skill; enough must survive for the assertions above to mean something.
        // With the stricter rules of issues 14 and 15 (template mistakes, cyclic references and size
        // limits are errors) about 4% of the default 4,000 mutations survive (176 with the default
        // seed), so the floor is 1 in 40.
        Assert.True(succeeded > iterations / 40, $"only {succeeded} mutated skills could be split");
    }

    private static string Show(string text, AgentSkillsConversion split, AgentSkillsConversion? merge) =>
        $"original: {Escape(text)}\nskill: {Escape(split.SkillMarkdown)}\nsidecar: {Escape(split.Sidecar)}\nmerge problems: {string.Join("; ", merge?.Problems ?? [])}\n";

    private static string Escape(string? text) => text is null ? "(null)" : System.Text.Json.JsonSerializer.Serialize(text);
}
