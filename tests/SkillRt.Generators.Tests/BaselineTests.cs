using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The generated source of every example and every tricky skill under Skills/ is compared with a
/// checked-in baseline. Set SKILLRT_UPDATE_BASELINES=1 to rewrite the baselines after a deliberate
/// change, then review the diff.
/// </summary>
public sealed class BaselineTests
{
    private static readonly string BaselineFolder = Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Generators.Tests", "Baselines");

    public static TheoryData<string> Cases() => [.. SkillFolders().Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_baseline(string name)
    {
        var folder = SkillFolders().Single(f => Path.GetFileName(f) == name);
        var result = new GeneratorHarness().AddSkill($"/project/skills/{name}/SKILL.md", File.ReadAllText(Path.Combine(folder, "SKILL.md"))).Run();
        var tree = Assert.Single(result.GeneratedTrees, t => !t.FilePath.EndsWith(CatalogEmitter.HintName, StringComparison.Ordinal));
        Compare(name + ".g.cs", tree.GetText(GeneratorHarness.CancellationToken).ToString());
    }

    [Fact]
    public void Catalogue_matches_the_baseline()
    {
        var harness = new GeneratorHarness();
        foreach (var folder in SkillFolders())
        {
            harness.AddSkill($"/project/skills/{Path.GetFileName(folder)}/SKILL.md", File.ReadAllText(Path.Combine(folder, "SKILL.md")));
        }

        var tree = Assert.Single(harness.Run().GeneratedTrees, t => t.FilePath.EndsWith(CatalogEmitter.HintName, StringComparison.Ordinal));
        Compare(CatalogEmitter.HintName, tree.GetText(GeneratorHarness.CancellationToken).ToString());
    }

    [Fact]
    public void Every_baseline_belongs_to_a_case()
    {
        var expected = SkillFolders().Select(f => Path.GetFileName(f) + ".g.cs").Append(CatalogEmitter.HintName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(BaselineFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> SkillFolders() =>
        Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Generators.Tests", "Skills"))
            .Concat(Directory.GetDirectories(TestPaths.Examples))
            .Order(StringComparer.Ordinal);

    private static void Compare(string fileName, string actual)
    {
        var path = Path.Combine(BaselineFolder, fileName);
        if (Environment.GetEnvironmentVariable("SKILLRT_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(BaselineFolder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No baseline {path}; run the tests with SKILLRT_UPDATE_BASELINES=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            var lines = (Expected: expected.Split('\n'), Actual: actual.Split('\n'));
            var first = Enumerable.Range(0, Math.Min(lines.Expected.Length, lines.Actual.Length)).FirstOrDefault(i => lines.Expected[i] != lines.Actual[i], Math.Min(lines.Expected.Length, lines.Actual.Length));
            Assert.Fail($"{fileName} differs from its baseline at line {first + 1}:\n  expected: {lines.Expected.ElementAtOrDefault(first)}\n  actual:   {lines.Actual.ElementAtOrDefault(first)}\nIf the change is intended, rerun with SKILLRT_UPDATE_BASELINES=1 and review the diff.");
        }
    }
}
