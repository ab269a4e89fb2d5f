using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Build.Utilities;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Build.Tests;

/// <summary>What `dotnet pack` puts in a package for its skills, at the task level.</summary>
public sealed class PackSkillsTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("skillrt-pack-");

    public void Dispose() => _output.Delete(recursive: true);

    private (PackSkills Task, RecordingBuildEngine Engine, bool Result) Run(string packageVersion, params string[] skillPaths)
    {
        var engine = new RecordingBuildEngine();
        var task = new PackSkills
        {
            BuildEngine = engine,
            Skills = skillPaths.Select(p => new TaskItem(p)).ToArray(),
            PackageId = "Contoso.Skills",
            PackageVersion = packageVersion,
            OutputDirectory = _output.FullName,
        };
        return (task, engine, task.Execute());
    }

    [Fact]
    public void Skill_folders_go_under_skills_with_an_index_and_consumer_targets()
    {
        var csv = Path.Combine(TestPaths.Examples, "csv-summary", "SKILL.md");
        var review = Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md");
        var (task, engine, result) = Run("1.2.0", review, csv);

        Assert.True(result, string.Join("; ", engine.Errors.Select(e => e.Message)));
        Assert.Equal(
            [
                "skills/csv-summary/SKILL.md",
                "skills/csv-summary/references/types.md",
                "skills/csv-summary/scripts/summarize.py",
                "skills/pr-review/SKILL.md",
                "skills/index.json",
                "buildTransitive/Contoso.Skills.targets",
            ],
            task.PackageFiles.Select(f => f.GetMetadata("PackagePath")));

        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output.FullName, "index.json")));
        var skills = index.RootElement.GetProperty("skills");
        Assert.Equal(["csv-summary", "pr-review"], skills.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var prReview = skills[1];
        Assert.Equal("1.2.0", prReview.GetProperty("version").GetString());
        Assert.Equal("pr_url", prReview.GetProperty("inputSchema").GetProperty("required")[0].GetString());
        Assert.Equal("object", prReview.GetProperty("outputSchema").GetProperty("type").GetString());
        Assert.Equal(["github.com", "patch-diff.githubusercontent.com"], prReview.GetProperty("permissions").GetProperty("network").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["GITHUB_TOKEN"], prReview.GetProperty("permissions").GetProperty("env").EnumerateArray().Select(e => e.GetString()));
        var file = Assert.Single(prReview.GetProperty("files").EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(review))), file.GetProperty("sha256").GetString());

        var targets = File.ReadAllText(Path.Combine(_output.FullName, "Contoso.Skills.targets"));
        Assert.Contains("<SkillFile Include=\"$(MSBuildThisFileDirectory)../skills/pr-review/SKILL.md\" Pack=\"false\"", targets, StringComparison.Ordinal);
        Assert.Contains("';$(SkillRtExcludePackages);').Contains(';Contoso.Skills;')", targets, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_skill_stops_the_pack_at_its_line()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0102-invalid-name", "SKILL.md");
        var (task, engine, result) = Run("1.0.0", path);

        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("SKILL0102", path, 2, 7), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(task.PackageFiles);
    }

    [Theory]
    [InlineData("1.0.0", "The skill 'pr-review' is version 1.2.0, newer than the package version 1.0.0")]
    [InlineData("2.0.0-beta", null)]
    [InlineData("1.2.0", null)]
    public void A_skill_newer_than_its_package_is_a_warning(string packageVersion, string? warning)
    {
        var (_, engine, result) = Run(packageVersion, Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"));
        Assert.True(result);
        if (warning is null)
        {
            Assert.Empty(engine.Warnings);
        }
        else
        {
            var logged = Assert.Single(engine.Warnings);
            Assert.Equal("SKILL0801", logged.Code);
            Assert.StartsWith(warning, logged.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_skills_with_one_name_are_an_error()
    {
        var copy = Directory.CreateDirectory(Path.Combine(_output.FullName, "copy", "pr-review"));
        File.Copy(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"), Path.Combine(copy.FullName, "SKILL.md"));
        var (_, engine, result) = Run("1.2.0", Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"), Path.Combine(copy.FullName, "SKILL.md"));

        Assert.False(result);
        Assert.Equal("SKILL0802", Assert.Single(engine.Errors).Code);
    }
}
