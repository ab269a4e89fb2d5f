using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt export --agent-skills</c> and <c>skillrt import</c>, run as the real process.</summary>
public sealed class ExportImportCommandTests : IDisposable
{
    private const string ScriptedSkill =
        "---\n" +
        "name: count-lines\n" +
        "description: Counts the lines of files with a bundled script.\n" +
        "allowed-tools: Bash(python3:*)\n" +
        "# SkillRt's part\n" +
        "version: 2.1.0\n" +
        "runtime:\n" +
        "  type: process\n" +
        "  command: [python3, scripts/count.py]\n" +
        "inputs:\n" +
        "  - name: paths\n" +
        "    type: json   # a list of globs\n" +
        "    required: true\n" +
        "user-invocable: true\n" +
        "x-team: 'platform'\n" +
        "---\n" +
        "Counts lines in {{ paths }}.\n";

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Pr_review_exports_to_agent_skills_and_imports_back_to_the_same_skill()
    {
        var original = Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md");

        var export = await _cli.RunAsync("export", "--agent-skills", Path.Combine(TestPaths.Examples, "pr-review"), "out");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("Exported pr-review 1.2.0 to 'out/pr-review' as an Agent Skills folder: SKILL.md, skillrt.yaml and 4 other files.\n", export.Output);
        Assert.Empty(export.Error);
        var exported = Work("out", "pr-review", "SKILL.md");
        AssertAgentSkillsOnly(exported);

        var import = await _cli.RunAsync("import", "out/pr-review", "back");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal("Imported pr-review 1.2.0 to 'back/pr-review': SKILL.md with skillrt.yaml merged back and 4 other files.\n", import.Output);
        var imported = Work("back", "pr-review", "SKILL.md");
        Assert.Equal(["SKILL.md"], Directory.GetFiles(Work("back", "pr-review")).Select(Path.GetFileName));

        // The other files are the example's evals, which travel with the skill both ways.
        Assert.Equal(
            File.ReadAllText(Path.Combine(TestPaths.Examples, "pr-review", "evals", "verdicts.yaml")),
            File.ReadAllText(Work("back", "pr-review", "evals", "verdicts.yaml")));

        // The same keys and values; the SkillRt keys now follow the Agent Skills ones.
        var (before, after) = (SkillDocument.Load(original), SkillDocument.Load(imported));
        Assert.Equal(JsonByKey(before), JsonByKey(after));
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(File.ReadAllText(original).Length, File.ReadAllText(imported).Length);
    }

    [Fact]
    public async Task A_skill_with_scripts_and_unknown_keys_round_trips_byte_for_byte()
    {
        var source = _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);
        _cli.WriteFile("skills/count-lines/scripts/count.py", "import sys\nprint(len(sys.argv))\n");
        _cli.WriteFile("skills/count-lines/references/globs.md", "# Globs\n");
        _cli.WriteFile("skills/count-lines/.hidden", "kept\n");
        var folder = Path.GetDirectoryName(source)!;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(folder, "scripts", "count.py"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(Path.Combine(folder, "outside"), Path.GetTempPath());
        }

        var export = await _cli.RunAsync("export", "--agent-skills", "skills/count-lines", "agent");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("Exported count-lines 2.1.0 to 'agent/count-lines' as an Agent Skills folder: SKILL.md, skillrt.yaml and 3 other files.\n", export.Output);
        Assert.Equal(
            "---\nname: count-lines\ndescription: Counts the lines of files with a bundled script.\nallowed-tools: Bash(python3:*)\n---\nCounts lines in {{ paths }}.\n",
            File.ReadAllText(Work("agent", "count-lines", "SKILL.md")));
        Assert.StartsWith("# SkillRt's part\nversion: 2.1.0\n", File.ReadAllText(Work("agent", "count-lines", "skillrt.yaml")), StringComparison.Ordinal);
        Assert.False(Path.Exists(Work("agent", "count-lines", "outside")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Work("agent", "count-lines", "scripts", "count.py")).HasFlag(UnixFileMode.UserExecute));
        }

        var import = await _cli.RunAsync("import", "agent/count-lines", "back");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(ScriptedSkill, File.ReadAllText(Work("back", "count-lines", "SKILL.md")));
        Assert.Equal("import sys\nprint(len(sys.argv))\n", File.ReadAllText(Work("back", "count-lines", "scripts", "count.py")));
        Assert.Equal("# Globs\n", File.ReadAllText(Work("back", "count-lines", "references", "globs.md")));
        Assert.Equal("kept\n", File.ReadAllText(Work("back", "count-lines", ".hidden")));
        Assert.False(File.Exists(Work("back", "count-lines", "skillrt.yaml")));
    }

    [Fact]
    public async Task The_exported_folder_validates_as_the_same_skill()
    {
        _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);
        Assert.Equal(0, (await _cli.RunAsync("export", "--agent-skills", "skills/count-lines/SKILL.md", "agent")).ExitCode);

        var original = await _cli.RunAsync("validate", "--format", "json", "skills/count-lines");
        var exported = await _cli.RunAsync("validate", "--format", "json", "agent/count-lines");

        Assert.Equal(0, exported.ExitCode);
        using var before = JsonDocument.Parse(original.Output);
        using var after = JsonDocument.Parse(exported.Output);
        var (skillBefore, skillAfter) = (before.RootElement.GetProperty("skills")[0], after.RootElement.GetProperty("skills")[0]);
        Assert.Equal("count-lines", skillAfter.GetProperty("name").GetString());
        Assert.Equal("2.1.0", skillAfter.GetProperty("version").GetString());
        Assert.True(skillAfter.GetProperty("valid").GetBoolean());
        Assert.Equal(
            skillBefore.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("id").GetString() + d.GetProperty("message").GetString()),
            skillAfter.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("id").GetString() + d.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_problem_in_the_sidecar_is_reported_at_its_line()
    {
        _cli.WriteFile("agent/count-lines/SKILL.md", "---\nname: count-lines\ndescription: Counts lines.\n---\nCounts lines in {{ paths }}.\n");
        _cli.WriteFile("agent/count-lines/skillrt.yaml", "inputs:\n  - name: paths\nversion: 2.1\n");

        var validate = await _cli.RunAsync("validate", "agent/count-lines");
        var json = await _cli.RunAsync("validate", "--format", "json", "agent/count-lines");
        var import = await _cli.RunAsync("import", "agent/count-lines", "back");

        Assert.Equal(1, validate.ExitCode);
        Assert.StartsWith($"{Path.Combine("agent", "count-lines", "skillrt.yaml")}(3,10): error SKILL0107: ", validate.Output, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json.Output))
        {
            var diagnostic = document.RootElement.GetProperty("skills")[0].GetProperty("diagnostics")[0];
            Assert.Equal(Path.Combine("agent", "count-lines", "skillrt.yaml"), diagnostic.GetProperty("file").GetString());
            Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        }

        Assert.Equal(1, import.ExitCode);
        Assert.StartsWith($"{Path.Combine("agent", "count-lines", "skillrt.yaml")}(3,10): error SKILL0107: ", import.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Work("back")));
    }

    [Fact]
    public async Task An_invalid_skill_is_refused_with_compiler_style_lines()
    {
        _cli.WriteFile("skills/bad/SKILL.md", "---\nname: bad\ndescription: Bad.\nversion: 1.0\n---\nBody.\n");

        var result = await _cli.RunAsync("export", "--agent-skills", "skills/bad", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{Path.Combine("skills", "bad", "SKILL.md")}(4,10): error SKILL0107: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("fix the lines above and try again.\n", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(Work("out")));
    }

    [Fact]
    public async Task A_value_that_cannot_take_the_strict_form_is_refused_at_its_line()
    {
        _cli.WriteFile("skills/tools/SKILL.md", "---\nname: tools\ndescription: Uses git.\nallowed-tools:\n  - Read\n  - Bash(git status)\n---\nBody.\n");

        var result = await _cli.RunAsync("export", "--agent-skills", "skills/tools", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{Path.Combine("skills", "tools", "SKILL.md")}(6,5): error: the 'allowed-tools' entry 'Bash(git status)'", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Work("out")));
    }

    [Fact]
    public async Task A_prose_skill_is_refused_with_what_to_add()
    {
        var result = await _cli.RunAsync("export", "--agent-skills", Path.Combine(TestPaths.Examples, "commit-style"), "out");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'name: commit-style', 'description: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("export", "--agent-skills", "no/such/skill", "out")]
    [InlineData("import", "no/such/folder", "out")]
    [InlineData("export", "no/such/skill", "out")]
    public async Task A_missing_path_or_format_is_a_usage_error(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("skillrt: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Count(c => c == '\n'));
    }

    [Fact]
    public async Task A_non_empty_target_needs_force_which_replaces_it()
    {
        _cli.WriteFile("out/pr-review/stale.txt", "old\n");
        var pr = Path.Combine(TestPaths.Examples, "pr-review");

        var refused = await _cli.RunAsync("export", "--agent-skills", pr, "out");
        var forced = await _cli.RunAsync("export", "--agent-skills", pr, "out", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"skillrt: '{Path.Combine("out", "pr-review")}' already exists and is not empty; pass --force to replace it, or choose another output folder.\n", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(["SKILL.md", "skillrt.yaml"], Directory.GetFiles(Work("out", "pr-review")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([Work("out", "pr-review")], Directory.GetDirectories(Work("out")));
    }

    [Fact]
    public async Task The_target_cannot_be_the_skill_folder_itself()
    {
        _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);

        var result = await _cli.RunAsync("export", "--agent-skills", "skills/count-lines", "skills", "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the skill's own folder", result.Error, StringComparison.Ordinal);
        Assert.Equal(ScriptedSkill, File.ReadAllText(Work("skills", "count-lines", "SKILL.md")));
    }

    [Theory]
    [InlineData("export")]
    [InlineData("import")]
    public async Task Force_never_deletes_a_markdown_skill_file_inside_the_target(string command)
    {
        // Not a SKILL.md, so the folder is not the skill's own; it still holds the source file.
        const string Notes = "---\nname: tidy\ndescription: Tidies notes.\nversion: 1.0.0\n---\nTidy the notes.\n";
        _cli.WriteFile("out/tidy/tidy-notes.md", Notes);
        _cli.WriteFile("out/tidy/journal.txt", "Unrelated, and not the skill's.\n");
        string[] args = command == "export"
            ? ["export", "--agent-skills", "out/tidy/tidy-notes.md", "out", "--force"]
            : ["import", "out/tidy/tidy-notes.md", "out", "--force"];

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"skillrt: '{Path.Combine("out", "tidy")}' is the skill's own folder or holds it; choose an output folder outside '{Work("out", "tidy")}'.\n", result.Error);
        Assert.Equal(Notes, File.ReadAllText(Work("out", "tidy", "tidy-notes.md")));
        Assert.True(File.Exists(Work("out", "tidy", "journal.txt")));
    }

    [Theory]
    [InlineData("export", "--agent-skills", "skills/count-lines", "")]
    [InlineData("import", "skills/count-lines", " ")]
    public async Task An_empty_output_folder_is_a_usage_error(params string[] args)
    {
        _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("skillrt: the output folder is empty; pass the folder to write <out>/<name>/ into, such as '.'.\n", result.Error);
    }

    [Fact]
    public async Task Checkout_and_build_folders_are_not_exported()
    {
        _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);
        _cli.WriteFile("skills/count-lines/scripts/count.py", "print(1)\n");
        _cli.WriteFile("skills/count-lines/.git/HEAD", "ref: refs/heads/main\n");
        _cli.WriteFile("skills/count-lines/bin/Debug/tool.dll", "binary");
        _cli.WriteFile("skills/count-lines/obj/project.assets.json", "{}");

        var export = await _cli.RunAsync("export", "--agent-skills", "skills/count-lines", "agent");

        Assert.Equal(0, export.ExitCode);
        Assert.EndsWith("SKILL.md, skillrt.yaml and 1 other file.\n", export.Output, StringComparison.Ordinal);
        var folder = Work("agent", "count-lines");
        Assert.Equal(
            ["SKILL.md", Path.Combine("scripts", "count.py"), "skillrt.yaml"],
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(folder, path)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Exporting_an_exported_folder_again_gives_the_same_files()
    {
        _cli.WriteFile("skills/count-lines/SKILL.md", ScriptedSkill);
        Assert.Equal(0, (await _cli.RunAsync("export", "--agent-skills", "skills/count-lines", "first")).ExitCode);

        var again = await _cli.RunAsync("export", "--agent-skills", "first/count-lines", "second");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllText(Work("first", "count-lines", "SKILL.md")), File.ReadAllText(Work("second", "count-lines", "SKILL.md")));
        Assert.Equal(File.ReadAllText(Work("first", "count-lines", "skillrt.yaml")), File.ReadAllText(Work("second", "count-lines", "skillrt.yaml")));
    }

    private string Work(params string[] parts) => Path.Combine([_cli.WorkingDirectory, .. parts]);

    // The exported SKILL.md holds only Agent Skills keys, and splitting it again changes nothing:
    // it already is in the strict form SkillRt writes (the Format tests check that form with an
    // independent strict validator).
    private static void AssertAgentSkillsOnly(string path)
    {
        var text = File.ReadAllText(path);
        var document = SkillDocument.Parse(text);
        Assert.All(document.Frontmatter!.Entries, entry => Assert.True(AgentSkillsFormat.IsAgentSkillsKey(entry.Name), entry.Name));
        if (document.Frontmatter["allowed-tools"] is { } tools)
        {
            Assert.IsType<FrontmatterScalar>(tools);
        }

        var split = AgentSkillsFormat.Split(text);
        Assert.Equal(text, split.SkillMarkdown);
        Assert.Null(split.Sidecar);
        Assert.Empty(split.RewrittenKeys);
    }

    private static System.Collections.Generic.Dictionary<string, string> JsonByKey(SkillDocument document) =>
        document.Frontmatter!.Entries.ToDictionary(entry => entry.Name, entry => entry.Value.ToJson(), StringComparer.Ordinal);
}
