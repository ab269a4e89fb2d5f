using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Agents.Tests;

/// <summary>
/// SkillRt skills as a catalogue an agent lists and loads: <see cref="SkillRtSkillsSource"/> in Agent
/// Framework's own <see cref="AgentSkillsProvider"/> (an <see cref="AIContextProvider"/>) on a
/// <see cref="ChatClientAgent"/>. The agent sees the skills' names and descriptions in its instructions,
/// loads one with <c>load_skill</c>, reads its references with <c>read_skill_resource</c> and runs it with
/// <c>run_skill_script</c>, which runs the skill through SkillRt's runner.
/// </summary>
public sealed class SkillCatalogueTests : IDisposable
{
    private readonly SkillFolderTree _skills = new SkillFolderTree().WriteAll();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _skills.Dispose();

    [Fact]
    public async Task The_agent_sees_the_catalogue_loads_a_skill_reads_its_reference_and_runs_it()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("load_skill", """{"skillName":"release-notes"}""", id: "call_load")
            .EnqueueToolCall("read_skill_resource", """{"skillName":"release-notes","resourceName":"references/style.md"}""", id: "call_read")
            .EnqueueToolCall("run_skill_script", """{"skillName":"release-notes","scriptName":"run","arguments":{"version":"2.1.0","changes":["Faster parser","Fix #12"]}}""", id: "call_run")
            .EnqueueCompletion(TestSkills.ReleaseNotesOutput)
            .EnqueueCompletion("The notes for 2.1.0 are ready.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        using var catalogue = Catalogue(await SkillCollection.LoadAsync(_skills.Root, Ct), runner);
        var agent = new ChatClientAgent(server.CreateChatClient("gpt-agent"), new ChatClientAgentOptions { AIContextProviders = [catalogue] });

        var response = await agent.RunAsync("Write release notes for 2.1.0: a faster parser, fixed #12.", cancellationToken: Ct);

        Assert.Equal("The notes for 2.1.0 are ready.", response.Text);
        Assert.Equal(["gpt-agent", "gpt-agent", "gpt-agent", "gpt-skill", "gpt-agent"], server.Requests.Select(r => r.Model));

        // 1. The catalogue: every skill's name and description in the instructions, and the provider's tools.
        var first = server.Requests[0];
        var instructions = first.Messages[0].Text;
        Assert.Contains("<name>release-notes</name>", instructions, StringComparison.Ordinal);
        Assert.Contains("<description>Writes release notes for a version from its list of changes. Use when the user asks for release notes.</description>", instructions, StringComparison.Ordinal);
        Assert.Contains("<name>commit-style</name>", instructions, StringComparison.Ordinal);
        Assert.Contains("<description>Use this skill whenever you write a git commit message for this repository.</description>", instructions, StringComparison.Ordinal);
        Assert.DoesNotContain("Write release notes for {{ version }}", instructions, StringComparison.Ordinal);
        Assert.Equal(
            [AgentSkillsProvider.LoadSkillToolName, AgentSkillsProvider.ReadSkillResourceToolName, AgentSkillsProvider.RunSkillScriptToolName],
            first.Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).Order(StringComparer.Ordinal));

        // 2. Loading gives the instructions, the text resources and the run script with the input schema.
        // (Agent Framework's tools return their results as JSON; a text result is a JSON string.)
        var loaded = JsonSerializer.Deserialize<string>(ToolResult(server.Requests[1], "call_load"))!;
        Assert.Contains("<instructions>\nWrite release notes for {{ version }}, one highlight per change.", loaded, StringComparison.Ordinal);
        Assert.Contains("<resource name=\"references/style.md\"/>", loaded, StringComparison.Ordinal);
        Assert.DoesNotContain("logo.png", loaded, StringComparison.Ordinal);
        Assert.Contains("<script name=\"run\"", loaded, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"version\",\"changes\"]", loaded, StringComparison.Ordinal);

        // 3. The reference, as written.
        Assert.Equal(TestSkills.Style, JsonSerializer.Deserialize<string>(ToolResult(server.Requests[2], "call_read")));

        // 4. Running it ran the skill through SkillRt, and its validated output came back.
        Assert.StartsWith("Write release notes for 2.1.0, one highlight per change.", server.Requests[3].Messages[0].Text, StringComparison.Ordinal);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TestSkills.ReleaseNotesOutput).RootElement, JsonDocument.Parse(ToolResult(server.Requests[4], "call_run")).RootElement));
    }

    [Fact]
    public async Task Invalid_arguments_to_run_come_back_as_a_typed_error_and_the_agent_carries_on()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCalls(
                new ScriptedToolCall("call_missing", "run_skill_script", """{"skillName":"release-notes","scriptName":"run","arguments":{"version":"2.1.0"}}"""),
                new ScriptedToolCall("call_list", "run_skill_script", """{"skillName":"release-notes","scriptName":"run","arguments":["2.1.0"]}"""),
                new ScriptedToolCall("call_task", "run_skill_script", """{"skillName":"commit-style","scriptName":"run","arguments":"Subject for: add a parser"}"""))
            .EnqueueCompletion("Add a parser")
            .EnqueueCompletion("Done.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        using var catalogue = Catalogue(await SkillCollection.LoadAsync(_skills.Root, Ct), runner);
        var agent = new ChatClientAgent(server.CreateChatClient("gpt-agent"), new ChatClientAgentOptions { AIContextProviders = [catalogue] });

        var response = await agent.RunAsync("Notes for 2.1.0 and a commit subject.", cancellationToken: Ct);

        Assert.Equal("Done.", response.Text);
        Assert.Equal(["gpt-agent", "gpt-skill", "gpt-agent"], server.Requests.Select(r => r.Model));
        var last = server.Requests[2];
        var missing = JsonDocument.Parse(ToolResult(last, "call_missing")).RootElement;
        Assert.Equal("invalid_arguments", missing.GetProperty("error").GetString());
        Assert.Contains("changes", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        var list = JsonDocument.Parse(ToolResult(last, "call_list")).RootElement;
        Assert.Equal("The arguments for skill 'release-notes' must be an object holding its inputs (see parameters_schema), not array.", list.GetProperty("message").GetString());

        // A task skill takes its task bare, too.
        Assert.Equal("Subject for: add a parser", server.Requests[1].Messages.Last(m => m.Role == "user").Text);
        Assert.Equal("Add a parser", JsonSerializer.Deserialize<string>(ToolResult(last, "call_task")));
    }

    [Fact]
    public async Task A_skill_whose_name_agent_skills_refuses_is_an_error_naming_its_file()
    {
        var odd = _skills.Write("Commit_Style/SKILL.md", TestSkills.CommitStyle);
        await using var runner = new SkillRunner(new NoModelChatClient());
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);

        var error = Assert.Throws<InvalidOperationException>(() => new SkillRtSkillsSource(skills, runner));

        Assert.StartsWith("The skills cannot all be Agent Framework skills (1 problem):", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{odd}: 'Commit_Style' cannot be an Agent Framework skill: Skill name must use only lowercase letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_skills_with_one_name_are_an_error_naming_both_files()
    {
        var first = _skills.Write("team-a/release-notes/SKILL.md", TestSkills.ReleaseNotes);
        var second = _skills.Write("team-b/release-notes/SKILL.md", TestSkills.ReleaseNotes);
        await using var runner = new SkillRunner(new NoModelChatClient());
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);

        var error = Assert.Throws<InvalidOperationException>(() => new SkillRtSkillsSource(skills, runner));

        // The folder written by WriteAll is a third copy: all three are named.
        Assert.Contains($"3 skills would be the tool 'release-notes': {_skills.PathOf("release-notes/SKILL.md")} and {first} and {second}", error.Message, StringComparison.Ordinal);
    }

    private static AgentSkillsProvider Catalogue(SkillCollection skills, ISkillRunner runner) =>
        new(
            new SkillRtSkillsSource(skills, runner),
            new AgentSkillsProviderOptions { DisableLoadSkillApproval = true, DisableReadSkillResourceApproval = true, DisableRunSkillScriptApproval = true });

    private static string ToolResult(RecordedRequest request, string callId) =>
        request.Messages.Single(m => m.Role == "tool" && m.Json.GetProperty("tool_call_id").GetString() == callId).Text;
}
