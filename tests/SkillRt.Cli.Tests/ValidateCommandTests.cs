using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt validate</c>, run as the real process.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        return (result.ExitCode, result.Output, result.Error);
    }

    [Fact]
    public async Task Valid_folder_exits_zero_with_a_summary()
    {
        var (exitCode, output, _) = await RunAsync("validate", TestPaths.Examples);

        // csv-summary is an Agent Skills file without a version: not a warning any more (issue 15).
        Assert.Equal(0, exitCode);
        Assert.Equal("3 skills checked: 3 valid skills, 0 errors, 0 warnings.\n", output);
    }

    [Fact]
    public async Task Markdown_files_that_are_not_skills_are_skipped_as_the_build_skips_them()
    {
        // Issue 15: the build made README.md a skill while `skillrt validate .` skipped it. One rule now.
        var folder = Directory.CreateTempSubdirectory("skillrt-validate-md-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "README.md"), "# Project\n");
            File.WriteAllText(Path.Combine(folder, "notes.md"), "--- not frontmatter\n");
            File.WriteAllText(Path.Combine(folder, "triage.md"), "---\nname: triage\ndescription: d\n---\nTriage.\n");
            Directory.CreateDirectory(Path.Combine(folder, "review", "references"));
            File.WriteAllText(Path.Combine(folder, "review", "skill.md"), "Review it.\n");
            File.WriteAllText(Path.Combine(folder, "review", "references", "guide.md"), "---\ntitle: t\n---\n");

            var (exitCode, output, _) = await RunAsync("validate", "--format", "json", folder);
            Assert.Equal(0, exitCode);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(
                [Path.Combine(folder, "review", "skill.md"), Path.Combine(folder, "triage.md")],
                json.RootElement.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("path").GetString()));

            // Files named one by one (a shell's *.md) follow the same rule.
            var readme = Path.Combine(folder, "README.md");
            (exitCode, output, var error) = await RunAsync("validate", readme, Path.Combine(folder, "triage.md"));
            Assert.Equal(0, exitCode);
            Assert.Equal("1 skill checked: 1 valid skill, 0 errors, 0 warnings.\n", output);
            Assert.StartsWith($"{readme}(1,1): info SKILL0011: 'README.md' is not a skill and is skipped", error, StringComparison.Ordinal);

            (exitCode, _, error) = await RunAsync("validate", readme);
            Assert.Equal(2, exitCode);
            Assert.Contains("none of the files given is a skill", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--errors-only")]
    [InlineData("--quiet")]
    [InlineData("-q")]
    public async Task Errors_only_prints_no_warnings(string flag)
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0103-folder-mismatch", "SKILL.md");
        var (exitCode, output, _) = await RunAsync("validate", path);
        Assert.Equal(0, exitCode);
        Assert.Contains("warning SKILL0103", output, StringComparison.Ordinal);

        (exitCode, output, _) = await RunAsync("validate", flag, path);
        Assert.Equal(0, exitCode);
        Assert.Equal("1 skill checked: 1 valid skill, 0 errors, 0 warnings.\n", output);

        var invalid = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0303-unknown-input-type", "SKILL.md");
        (exitCode, output, _) = await RunAsync("validate", flag, invalid);
        Assert.Equal(1, exitCode);
        Assert.Contains("error SKILL0303", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_skill_prints_compiler_style_lines_and_exits_one()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0303-unknown-input-type", "SKILL.md");
        var (exitCode, output, _) = await RunAsync("validate", path);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{path}(7,11): error SKILL0303: Unknown input type 'int'; use one of:", output, StringComparison.Ordinal);
        Assert.EndsWith("1 skill checked: 0 valid skills, 1 error, 0 warnings.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_skillrt_prints_the_help_and_exits_zero()
    {
        var (exitCode, output, error) = await RunAsync();
        var (_, help, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Equal(help, output);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("validate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_diagnostic_links_to_its_catalogue_entry_after_the_compiler_format_line()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0107-invalid-version", "SKILL.md");
        var link = SkillDiagnosticHelp.LinkFor("SKILL0107");

        var (exitCode, output, _) = await RunAsync("validate", path);
        var (_, json, _) = await RunAsync("validate", "--format", "json", path);

        Assert.Equal(1, exitCode);
        Assert.EndsWith("spec/diagnostics.md#skill0107", link, StringComparison.Ordinal);
        var line = output.Split('\n')[0];
        Assert.StartsWith($"{path}(4,10): error SKILL0107: ", line, StringComparison.Ordinal);
        Assert.EndsWith($" [{link}]", line, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(link, document.RootElement.GetProperty("skills")[0].GetProperty("diagnostics")[0].GetProperty("helpUri").GetString());

        // The link's anchor is in the catalogue, so it lands on the entry.
        Assert.Contains("<a id=\"skill0107\"></a>", File.ReadAllText(Path.Combine(TestPaths.Spec, "diagnostics.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_machine_readable()
    {
        var path = Path.Combine(TestPaths.Fixtures, "Invalid", "skill0107-invalid-version", "SKILL.md");
        var (exitCode, output, _) = await RunAsync("validate", "--format", "json", path);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("errors").GetInt32());
        var skill = json.RootElement.GetProperty("skills")[0];
        Assert.Equal("skill0107-invalid-version", skill.GetProperty("name").GetString());
        Assert.False(skill.GetProperty("valid").GetBoolean());
        var diagnostic = skill.GetProperty("diagnostics")[0];
        Assert.Equal("SKILL0107", diagnostic.GetProperty("id").GetString());
        Assert.Equal(4, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(10, diagnostic.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Missing_path_is_a_usage_error_with_one_clear_line()
    {
        var (exitCode, output, error) = await RunAsync("validate", "no/such/skill");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal("skillrt: 'no/such/skill' does not exist; pass a SKILL.md file or a folder that contains skills.\n", error.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("validate", "--format", "xml")]
    [InlineData("validate")]
    [InlineData("no-such-command")]
    public async Task Command_line_mistakes_exit_two_with_a_hint(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("skillrt: ", error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'skillrt --help' for usage.\n", error.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_without_skills_is_a_usage_error()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-empty-").FullName;
        try
        {
            var (exitCode, _, error) = await RunAsync("validate", folder);
            Assert.Equal(2, exitCode);
            Assert.Contains("no skill (SKILL.md, or a Markdown file with frontmatter) found under", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_skill_named_twice_is_checked_once()
    {
        var path = Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md");
        var (exitCode, output, _) = await RunAsync("validate", path, path, Path.Combine(TestPaths.Examples, "pr-review"));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("1 skill checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipe_can_be_validated()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // FIFOs are a Unix feature; the seekable path is covered everywhere else.
        }

        var folder = Directory.CreateTempSubdirectory("skillrt-fifo-").FullName;
        var fifo = Path.Combine(folder, "SKILL.md");
        try
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
            {
                await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var writer = Task.Run(() => File.WriteAllText(fifo, "---\nname: x\ndescription: d\nversion: 1.0\n---\n"), TestContext.Current.CancellationToken);
            var (exitCode, output, _) = await RunAsync("validate", fifo);
            await writer;

            Assert.Equal(1, exitCode);
            Assert.Contains("error SKILL0107", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Folders_yield_skill_md_and_markdown_skills_with_frontmatter_but_not_a_skills_own_documents()
    {
        _cli.WriteFile("skills/a/SKILL.md", "---\nname: a\nversion: 1.0.0\ndescription: A.\n---\nDo A.\n");
        _cli.WriteFile("skills/a/references/notes.md", "---\ntitle: not a skill\n---\nNotes.\n");
        _cli.WriteFile("skills/standalone.md", "---\nname: standalone\nversion: 1.0.0\ndescription: Alone.\n---\nDo it.\n");
        _cli.WriteFile("skills/README.md", "# Skills\n\nNo frontmatter: documentation, not a skill.\n");
        _cli.WriteFile("skills/bin/copied.md", "---\nname: copied\n---\n");

        var result = await _cli.RunAsync("validate", "--format", "json", "skills");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(
            [Path.Combine("skills", "a", "SKILL.md"), Path.Combine("skills", "standalone.md")],
            json.RootElement.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("path").GetString()));
    }
}
