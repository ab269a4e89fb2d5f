using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Agents.Tests;

/// <summary>
/// Skills as the tools of an Agent Framework <see cref="ChatClientAgent"/>, end to end: the agent, over the
/// official OpenAI client and <see cref="OpenAIChatServer"/>, is given <see cref="SkillCollection.CreateTools"/>;
/// its scripted model calls a skill, which runs through SkillRt's runner (its own model call answered by
/// the same server), and the skill's output comes back into the agent's conversation.
/// </summary>
public sealed class ChatClientAgentToolTests : IDisposable
{
    private readonly SkillFolderTree _skills = new SkillFolderTree().WriteAll();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _skills.Dispose();

    [Fact]
    public async Task The_agent_calls_a_skill_as_a_tool_and_gets_its_typed_output_back()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("release-notes", """{"version":"2.1.0","changes":["Faster parser","Fix #12"]}""", id: "call_notes")
            .EnqueueCompletion(TestSkills.ReleaseNotesOutput)
            .EnqueueCompletion("The notes for 2.1.0 are ready.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);
        var agent = new ChatClientAgent(server.CreateChatClient("gpt-agent"), instructions: "You help with releases.", name: "release-helper", tools: skills.CreateTools(runner));

        var response = await agent.RunAsync("Write release notes for 2.1.0: a faster parser, fixed #12.", cancellationToken: Ct);

        Assert.Equal("The notes for 2.1.0 are ready.", response.Text);
        Assert.Equal(["gpt-agent", "gpt-skill", "gpt-agent"], server.Requests.Select(r => r.Model));
        var first = server.Requests[0];
        Assert.Equal("You help with releases.", first.Messages[0].Text);
        var offered = first.Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["commit-style", "release-notes"], offered.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["version", "changes"], offered["release-notes"].GetProperty("parameters").GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        Assert.StartsWith("Write release notes for 2.1.0, one highlight per change.", server.Requests[1].Messages[0].Text, StringComparison.Ordinal);
        var result = Assert.Single(server.Requests[2].Messages, m => m.Role == "tool");
        Assert.Equal("call_notes", result.Json.GetProperty("tool_call_id").GetString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TestSkills.ReleaseNotesOutput).RootElement, JsonDocument.Parse(result.Text).RootElement), result.Text);
        var content = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal("SkillRt 2.1.0", Assert.IsType<JsonElement>(content.Result).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_arguments_go_back_to_the_agents_model_as_a_typed_error_and_the_run_goes_on()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("release-notes", """{"version":"2.1.0","changes":[]}""", id: "call_bad")
            .EnqueueToolCall("commit-style", """{"task":"Subject for: add a parser"}""", id: "call_commit")
            .EnqueueCompletion("Add a parser")
            .EnqueueCompletion("Done.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);
        var agent = new ChatClientAgent(server.CreateChatClient("gpt-agent"), tools: skills.CreateTools(runner));

        var response = await agent.RunAsync("Notes for 2.1.0, then a commit subject.", cancellationToken: Ct);

        Assert.Equal("Done.", response.Text);
        Assert.Equal(["gpt-agent", "gpt-agent", "gpt-skill", "gpt-agent"], server.Requests.Select(r => r.Model));
        var error = JsonDocument.Parse(Assert.Single(server.Requests[1].Messages, m => m.Role == "tool").Text).RootElement;
        Assert.Equal("invalid_arguments", error.GetProperty("error").GetString());
        Assert.Equal("/changes", Assert.Single(error.GetProperty("violations").EnumerateArray()).GetProperty("pointer").GetString());

        // The prose skill ran on the task it was given.
        Assert.Equal("Subject for: add a parser", server.Requests[2].Messages.Last(m => m.Role == "user").Text);
        var commit = server.Requests[3].Messages.Single(m => m.Role == "tool" && m.Json.GetProperty("tool_call_id").GetString() == "call_commit");
        Assert.Equal("Add a parser", commit.Text);
    }
}
