using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// What a newcomer does, step by step as the README and docs/cli.md say, from a fresh copy of the
/// repository: pack, install the <c>skillrt</c> tool, make a console app outside the repository with a
/// skill beside its README and CHANGELOG, build it, run it, and use the tool on it. The setup
/// (<see cref="NewcomerSetup"/>) runs once for the class; it copies the committed HEAD, so commit a
/// doc change before running these tests on it.
/// </summary>
public sealed class NewcomerTests(NewcomerSetup setup) : IClassFixture<NewcomerSetup>
{
    private string CliDoc => File.ReadAllText(Path.Combine(setup.Clone, "docs", "cli.md"));

    [Fact]
    public async Task The_installed_skillrt_is_the_packed_commit_and_comes_first_on_PATH()
    {
        foreach (var timing in setup.Timings)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(timing);
        }

        // The informational version names the commit the copy was made from: this pack, not an older one.
        NewcomerSetup.AssertDocumented(CliDoc, "docs/cli.md", "skillrt --version");
        var (exitCode, output, error) = await setup.RunSkillrtAsync(setup.App, "--version");
        Assert.True(exitCode == 0, error);
        Assert.Equal($"{setup.DocumentedVersion}+{setup.Commit}", output.Trim());

        // docs/cli.md's `export PATH="$HOME/.dotnet/tools:$PATH"`, with the test's tool path: the shell
        // finds skillrt there (procps's /usr/bin/skill, later on PATH, is never in the way of this name).
        // A POSIX shell is part of what is tested, so this half runs where the docs' bash line does.
        if (!OperatingSystem.IsWindows())
        {
            NewcomerSetup.AssertDocumented(CliDoc, "docs/cli.md", "export PATH=\"$HOME/.dotnet/tools:$PATH\"");
            var environment = new Dictionary<string, string?>(setup.ToolEnvironment, StringComparer.Ordinal)
            {
                ["PATH"] = setup.ToolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            };
            (exitCode, output, error) = await ChildProcess.RunAsync("/bin/sh", setup.App, environment, "-c", "command -v skillrt && skillrt --version");
            Assert.True(exitCode == 0, error);
            Assert.Equal($"{setup.Skillrt}\n{setup.DocumentedVersion}+{setup.Commit}\n", output);
        }
    }

    [Fact]
    public async Task The_new_console_app_builds_its_skill_but_not_its_README_or_CHANGELOG_and_runs_it_typed()
    {
        // `dotnet build`, at detailed verbosity only because the command line prints the compiler's
        // infos (SKILL0011) no other way (docs/msbuild.md).
        var (exitCode, output) = await DotnetCli.RunAsync(setup.App, "build", "-v:d");
        Assert.True(exitCode == 0, Problems(output));
        foreach (var notSkill in (string[])["README.md", "CHANGELOG.md"])
        {
            Assert.Contains($"{Path.Combine(setup.App, notSkill)}(1,1): info SKILL0011: '{notSkill}' is not a skill and is skipped", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SKILL1001", output, StringComparison.Ordinal);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
        Assert.Contains("0 Error(s)", output, StringComparison.Ordinal);

        // The catalog holds the one skill, and the typed output is the fixed answer read by generated code.
        (exitCode, output) = await DotnetCli.RunAsync(setup.App, "run");
        Assert.True(exitCode == 0, output);
        Assert.EndsWith("skills: triage-issue\nBug: Ask the runtime team.", output.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task skillrt_validate_agrees_with_the_build_on_the_app_folder_and_on_its_md_files()
    {
        const string Summary = "1 skill checked: 1 valid skill, 0 errors, 0 warnings.\n";
        // SkillDiagnosticHelp.CatalogueUrl; this project runs the tool and does not load SkillRt.Format.
        const string HelpLink = "[https://github.com/skillrt/skillrt/blob/main/spec/diagnostics.md#skill0011]";

        // A folder: the README and the CHANGELOG are not skills and were not named, so nothing is said of them.
        var (exitCode, output, error) = await setup.RunSkillrtAsync(setup.App, "validate", ".");
        Assert.True(exitCode == 0, output + error);
        Assert.Equal(Summary, output);
        Assert.Equal(string.Empty, error);

        // `skillrt validate *.md`, as the shell expands it: the files named but skipped get the build's info.
        (exitCode, output, error) = await setup.RunSkillrtAsync(setup.App, "validate", "CHANGELOG.md", "README.md", "triage.md");
        Assert.True(exitCode == 0, output + error);
        Assert.Equal(Summary, output);
        Assert.Equal(
            "CHANGELOG.md(1,1): info SKILL0011: 'CHANGELOG.md' is not a skill and is skipped: it is not named SKILL.md and does not open with a '---' frontmatter line. To make it a skill, move it to <name>/SKILL.md or give it frontmatter with a name and a description " + HelpLink + "\n"
            + "README.md(1,1): info SKILL0011: 'README.md' is not a skill and is skipped: it is not named SKILL.md and does not open with a '---' frontmatter line. To make it a skill, move it to <name>/SKILL.md or give it frontmatter with a name and a description " + HelpLink + "\n",
            error);
    }

    [Fact]
    public async Task skillrt_run_without_a_model_exits_5_with_one_line_naming_what_to_set()
    {
        NewcomerSetup.AssertDocumented(CliDoc, "docs/cli.md", "| 5 | Not configured: no model for `run` (the message names the variables to set)");

        var (exitCode, output, error) = await setup.RunSkillrtAsync(setup.App, "run", "triage.md", "--input", "issue_url=https://github.com/o/r/issues/1");

        Assert.True(exitCode == 5, $"exit code {exitCode}:\n{output}{error}");
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "skillrt: no model is configured: set SKILLRT_MODEL (or pass --model) and OPENAI_API_KEY; for a local OpenAI-compatible server such as Ollama set OPENAI_BASE_URL (http://localhost:11434/v1) instead of the key.\n",
            error);
    }

    /// <summary>The error and warning lines of a detailed build log, or its end when it has none.</summary>
    private static string Problems(string log)
    {
        var lines = log.ReplaceLineEndings("\n").Split('\n');
        var problems = Array.FindAll(lines, line => line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal));
        return string.Join('\n', problems.Length > 0 ? problems : lines[Math.Max(0, lines.Length - 60)..]);
    }
}
