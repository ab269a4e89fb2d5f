using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests;

public sealed class SkillDefinitionTests
{
    [Fact]
    public async Task LoadAsync_accepts_a_skill_folder_and_exposes_its_manifest()
    {
        var skill = await SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "pr-review"), TestContext.Current.CancellationToken);

        Assert.Equal("pr-review", skill.Name);
        Assert.Equal("1.2.0", skill.Manifest.Version!.ToString());
        Assert.Equal(Path.Combine(TestPaths.Examples, "pr-review"), skill.Directory);
        Assert.StartsWith("# Review a pull request", skill.Instructions, StringComparison.Ordinal);
        Assert.Empty(skill.Diagnostics);
    }

    [Fact]
    public async Task Prose_skill_is_named_after_its_folder()
    {
        var skill = await SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "commit-style", "SKILL.md"), TestContext.Current.CancellationToken);
        Assert.Equal("commit-style", skill.Name);
        Assert.Equal(SkillMode.Prose, skill.Document.Mode);
    }

    [Fact]
    public async Task Agent_skills_file_loads_without_being_asked_for_a_version()
    {
        var skill = await SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "csv-summary"), TestContext.Current.CancellationToken);
        Assert.Empty(skill.Diagnostics);
    }

    [Fact]
    public async Task Invalid_skill_throws_with_every_error_located()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0304-default-mismatch", "SKILL.md");
        var exception = await Assert.ThrowsAsync<SkillValidationException>(() => SkillDefinition.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(path, exception.Path);
        Assert.Equal(6, exception.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error));
        Assert.StartsWith($"The skill '{path}' has 6 errors:", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}(8,14): error SKILL0304: The default of input 'title' must be a string", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_validates_text()
    {
        var skill = SkillDefinition.Parse("---\nname: inline\ndescription: Defined in code.\nversion: 0.1.0\n---\nDo it.\n");
        Assert.Equal("inline", skill.Name);
        Assert.Null(skill.Directory);

        Assert.Equal("my-skill", SkillDefinition.Parse("Just prose.\n", "skills/my-skill/SKILL.md").Name);

        var exception = Assert.Throws<SkillValidationException>(() => SkillDefinition.Parse("---\nname: Bad\n---\n"));
        Assert.StartsWith("The skill text has 2 errors:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_skill_says_what_was_expected()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-empty-").FullName;
        try
        {
            var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => SkillDefinition.LoadAsync(folder, TestContext.Current.CancellationToken));
            Assert.Contains("has no SKILL.md", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
