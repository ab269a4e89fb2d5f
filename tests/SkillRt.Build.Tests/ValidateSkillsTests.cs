using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Build.Tests;

public sealed class ValidateSkillsTests
{
    private static (ValidateSkills Task, RecordingBuildEngine Engine, bool Result) Run(params string[] skillPaths)
    {
        var engine = new RecordingBuildEngine();
        var task = new ValidateSkills { BuildEngine = engine, Skills = skillPaths.Select(p => new TaskItem(p)).ToArray() };
        return (task, engine, task.Execute());
    }

    [Fact]
    public void Valid_skills_pass_and_carry_name_and_version()
    {
        var (task, engine, result) = Run(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"), Path.Combine(TestPaths.Examples, "csv-summary", "SKILL.md"));

        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Equal(["pr-review", "csv-summary"], task.ValidSkills.Select(i => i.GetMetadata("SkillName")));
        Assert.Equal(["1.2.0", string.Empty], task.ValidSkills.Select(i => i.GetMetadata("SkillVersion")));
        // csv-summary is an Agent Skills file: no version is asked of it (issue 15: SKILL0106 was noise there).
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Errors_are_logged_with_file_line_column_and_code()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0102-invalid-name", "SKILL.md");
        var (task, engine, result) = Run(path);

        Assert.False(result);
        Assert.Empty(task.ValidSkills);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SKILL0102", error.Code);
        Assert.Equal(path, error.File);
        Assert.Equal((2, 7), (error.LineNumber, error.ColumnNumber));
        Assert.Equal("The name 'PR_Review' is invalid: it must be lowercase (use 'pr-review')", error.Message);
        Assert.Equal(SkillDiagnosticHelp.LinkFor("SKILL0102"), error.HelpLink);
    }

    [Fact]
    public void Messages_with_braces_are_logged_verbatim()
    {
        var (_, engine, result) = Run(Path.Combine(TestPaths.Fixtures, "Invalid", "skill0703-unclosed-template-block", "SKILL.md"));

        Assert.False(result);
        Assert.Equal("'{% if %}' is never closed with '{% endif %}', so the template cannot be parsed and every run fails; add the end tag where the block ends", Assert.Single(engine.Errors).Message);
    }

    [Fact]
    public void Every_skill_is_checked_even_after_an_error()
    {
        var (task, engine, result) = Run(
            Path.Combine(TestPaths.Fixtures, "Invalid", "skill0001-unterminated", "SKILL.md"),
            Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md"),
            Path.Combine(TestPaths.Fixtures, "Invalid", "skill0303-unknown-input-type", "SKILL.md"));

        Assert.False(result);
        Assert.Equal(["SKILL0001", "SKILL0303"], engine.Errors.Select(e => e.Code));
        Assert.Equal("pr-review", Assert.Single(task.ValidSkills).GetMetadata("SkillName"));
    }

    [Fact]
    public void A_file_listed_twice_is_reported_once()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0102-invalid-name", "SKILL.md");
        var (task, engine, result) = Run(path, path);

        Assert.False(result);
        Assert.Single(engine.Errors);
        Assert.Empty(task.ValidSkills);
    }

    [Fact]
    public void Unreadable_file_is_an_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "skillrt-missing-" + System.Guid.NewGuid().ToString("N"), "SKILL.md");
        var (_, engine, result) = Run(path);

        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(path, error.File);
        Assert.StartsWith("Cannot read the skill file: ", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_skills_are_skipped_and_packaged_skills_report_errors_only()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-validate-");
        try
        {
            var readme = Path.Combine(folder.FullName, "README.md");
            File.WriteAllText(readme, "# Project\n");
            var noisy = Path.Combine(folder.FullName, "noisy", "SKILL.md");
            Directory.CreateDirectory(Path.GetDirectoryName(noisy)!);
            File.WriteAllText(noisy, "---\nname: other\ndescription: d\nversion: 1.0.0\n---\n");
            var packaged = new Microsoft.Build.Utilities.TaskItem(noisy);
            packaged.SetMetadata("SkillRtPackage", "Contoso.Skills");

            var engine = new RecordingBuildEngine();
            var task = new ValidateSkills { BuildEngine = engine, Skills = [new Microsoft.Build.Utilities.TaskItem(readme), packaged] };

            Assert.True(task.Execute());
            Assert.Empty(engine.Warnings);
            Assert.Equal(["noisy/SKILL.md"], task.ValidSkills.Select(i => Path.GetRelativePath(folder.FullName, i.ItemSpec).Replace('\\', '/')));

            // The same skill of the project itself: its warning (name and folder differ) is reported.
            engine = new RecordingBuildEngine();
            Assert.True(new ValidateSkills { BuildEngine = engine, Skills = [new Microsoft.Build.Utilities.TaskItem(noisy)] }.Execute());
            Assert.Equal("SKILL0103", Assert.Single(engine.Warnings).Code);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
