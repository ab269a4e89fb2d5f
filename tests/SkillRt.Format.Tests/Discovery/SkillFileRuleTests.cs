using System;
using System.IO;
using System.Text;
using Xunit;

namespace SkillRt.Tests.Discovery;

/// <summary>
/// Spec section 2.5, the rule the build and `skillrt validate` share. Issue 15: with
/// &lt;SkillFile Include="*.md" /&gt; a README became a prose skill named after the project, and a
/// README beside a CHANGELOG failed the build with SKILL1001.
/// </summary>
public sealed class SkillFileRuleTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("skillrt-rule-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("/p/README.md", "# My app\n", false)]
    [InlineData("/p/CHANGELOG.md", "## 1.0.0\n- first\n", false)]
    [InlineData("/p/notes.md", "", false)]
    [InlineData("/p/notes.md", "--- not a delimiter\n", false)]
    [InlineData("/p/notes.md", "\n---\nname: x\n---\n", false)]
    [InlineData("/p/skills/x/SKILL.md", "Prose skill.\n", true)]
    [InlineData("/p/skills/x/skill.md", "Prose skill, any letter case.\n", true)]
    [InlineData("/p/skills/x/SKILL.md", "", true)]
    [InlineData("/p/review.md", "---\nname: review\ndescription: d\n---\n", true)]
    [InlineData("/p/review.md", "\uFEFF--- \t\r\nname: review\n---\n", true)]
    public void A_file_is_a_skill_by_its_name_or_its_frontmatter(string path, string text, bool isSkill)
    {
        var diagnostic = SkillFileRule.Check(path, SkillFileRule.StartsWithFrontmatter(text), []);

        Assert.Equal(isSkill, diagnostic is null);
        if (diagnostic is not null)
        {
            Assert.Equal(("SKILL0011", SkillDiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
            Assert.StartsWith($"'{Path.GetFileName(path)}' is not a skill and is skipped: it is not named SKILL.md and does not open with a '---' frontmatter line", diagnostic.Message, StringComparison.Ordinal);
        }

        // The text and the on-disk check agree, byte order mark and line ends included.
        var file = Path.Combine(_folder.FullName, "file.md");
        File.WriteAllText(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.Equal(SkillFileRule.StartsWithFrontmatter(text), SkillFileRule.FileStartsWithFrontmatter(file));
    }

    [Fact]
    public void A_Markdown_file_in_a_skill_folder_belongs_to_that_skill()
    {
        string[] items = ["/p/skills/review/SKILL.md", "/p/skills/review/references/guide.md", "/p/skills/review/nested/SKILL.md", "/p/skills/other.md"];
        var folders = SkillFileRule.SkillFolders(items);

        var guide = SkillFileRule.Check(items[1], startsWithFrontmatter: true, folders);
        Assert.NotNull(guide);
        Assert.Contains("it is inside the folder of the skill '" + Path.Combine("/p/skills/review", "SKILL.md") + "'", guide.Message, StringComparison.Ordinal);

        // A SKILL.md is a skill wherever it is; a structured file outside every skill folder is one too.
        Assert.Null(SkillFileRule.Check(items[2], startsWithFrontmatter: false, folders));
        Assert.Null(SkillFileRule.Check(items[3], startsWithFrontmatter: true, folders));
        Assert.Equal("/p/skills/review/nested", SkillFileRule.FindOwningSkillFolder("/p/skills/review/nested/a.md", folders));
        Assert.Null(SkillFileRule.FindOwningSkillFolder("/p/skills/reviewer/a.md", folders));
    }

    [Fact]
    public void A_file_that_cannot_be_read_does_not_start_with_frontmatter()
    {
        Assert.False(SkillFileRule.FileStartsWithFrontmatter(Path.Combine(_folder.FullName, "missing.md")));
    }
}
