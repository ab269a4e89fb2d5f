using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt new</c>: the scaffold validates, runs, and refuses bad names and occupied folders.</summary>
public sealed class NewCommandTests : IDisposable
{
    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Creates_a_skill_that_validates_without_warnings_and_says_what_to_do_next()
    {
        var result = await _cli.RunAsync("new", "meeting-notes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Path.Combine(_cli.WorkingDirectory, "meeting-notes", "SKILL.md");
        Assert.True(File.Exists(file));
        Assert.Equal(
            """
            Created meeting-notes/SKILL.md: skill 'meeting-notes' 0.1.0 with one string input and a JSON output.

            Next:
              edit the instructions, inputs and output schema in meeting-notes/SKILL.md
              skillrt validate meeting-notes
              skillrt run meeting-notes --input input="some text to work on"

            """.Replace('/', Path.DirectorySeparatorChar),
            result.Output);

        var validate = await _cli.RunAsync("validate", "meeting-notes");
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Equal("1 skill checked: 1 valid skill, 0 errors, 0 warnings.\n", validate.Output);

        var text = File.ReadAllText(file);
        Assert.StartsWith("---\nname: meeting-notes\nversion: 0.1.0\n", text, StringComparison.Ordinal);
        Assert.Contains("{{ input }}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_skill_runs_on_a_model()
    {
        await using var server = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        server.EnqueueCompletion("""{"summary":"Ship on Friday.","points":["Tests pass."]}""");
        _cli.Environment["OPENAI_BASE_URL"] = server.BaseAddress.ToString();
        _cli.Environment["SKILLRT_MODEL"] = "gpt-test";
        await _cli.RunAsync("new", "meeting-notes");

        var result = await _cli.RunAsync("run", "meeting-notes", "--input", "input=We agreed to ship on Friday.");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"summary\": \"Ship on Friday.\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("We agreed to ship on Friday.", server.Requests[0].Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_folder_and_a_description_that_needs_quoting()
    {
        const string description = "Summarizes: notes #1, with \"quotes\" and a \\ backslash";

        var result = await _cli.RunAsync("new", "notes", "--output", "skills/team", "--description", description);

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = Path.Combine(_cli.WorkingDirectory, "skills", "team", "notes");
        var validate = await _cli.RunAsync("validate", folder);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        var info = await _cli.RunAsync("info", folder);
        Assert.Contains("\n  " + description + "\n", info.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Meeting-Notes", "it must be lowercase (use 'meeting-notes')")]
    [InlineData("notes_v2", "only lowercase letters a-z, digits 0-9 and '-' are allowed (use 'notes-v2')")]
    [InlineData("-notes", "it must not start or end with '-'")]
    [InlineData("a--b", "it must not contain '--'")]
    public async Task Invalid_name_exits_two_with_the_naming_rule(string name, string reason)
    {
        var result = await _cli.RunAsync("new", name);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.EndsWith("a skill name is 1 to 64 characters of a-z, 0-9 and '-', with no '-' at the start or end and no '--' (spec section 4.3).", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cli.WorkingDirectory));
    }

    [Fact]
    public async Task An_existing_folder_that_is_not_empty_exits_two_and_is_left_alone()
    {
        _cli.WriteFile("notes/README.md", "mine");
        Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "empty"));

        var taken = await _cli.RunAsync("new", "notes");
        var empty = await _cli.RunAsync("new", "empty");

        Assert.Equal(2, taken.ExitCode);
        Assert.Equal($"skillrt: '{Path.Combine(_cli.WorkingDirectory, "notes")}' already exists and is not empty; choose another name, or another folder with --output.\n", taken.Error);
        Assert.Equal(["README.md"], Directory.EnumerateFileSystemEntries(Path.Combine(_cli.WorkingDirectory, "notes")).Select(Path.GetFileName));
        Assert.True(empty.ExitCode == 0, empty.ToString());
    }
}
