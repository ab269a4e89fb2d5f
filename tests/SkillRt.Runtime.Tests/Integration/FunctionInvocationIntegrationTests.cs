using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// Skills as the tools of a host application's model, end to end: Microsoft.Extensions.AI's
/// <see cref="FunctionInvokingChatClient"/> over the official OpenAI client, talking to
/// <see cref="OpenAIChatServer"/>, is offered a folder of skills (<see cref="SkillCollection.CreateTools"/>);
/// the scripted model picks one and calls it, the skill runs through <see cref="SkillRunner"/> (its own
/// model call answered by the same server), and its validated output comes back into the conversation.
/// </summary>
public sealed class FunctionInvocationIntegrationTests : IDisposable
{
    private const string ReleaseNotesOutput = """{"title":"SkillRt 2.1.0","highlights":["A faster parser","Fixed #12"]}""";

    private readonly SkillFolderTree _skills = new();

    public FunctionInvocationIntegrationTests()
    {
        _skills.Write("release-notes/SKILL.md", """
            ---
            name: release-notes
            description: Writes release notes for a version from its list of changes. Use when the user asks for release notes or a changelog entry.
            inputs:
              - name: version
                required: true
                description: The version being released, such as 2.1.0.
              - name: changes
                type: json
                required: true
                description: One line per change.
                schema: { type: array, items: { type: string }, minItems: 1 }
              - name: audience
                enum: [users, developers]
                default: users
            outputs:
              type: json
              schema:
                type: object
                required: [title, highlights]
                additionalProperties: false
                properties:
                  title: { type: string }
                  highlights: { type: array, items: { type: string } }
            ---
            Write release notes for version {{ version }} for {{ audience }}.
            The changes: {% for change in changes %}{{ change }}; {% endfor %}
            """);
        _skills.Write("translate/SKILL.md", """
            ---
            name: translate
            description: Translates a short text into another language.
            inputs:
              - name: text
                required: true
              - name: language
                required: true
            ---
            Translate "{{ text }}" into {{ language }}.
            """);
        _skills.Write("commit-style/SKILL.md", """
            # Commit message style

            Use this skill whenever you write a git commit message for this repository.
            """);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _skills.Dispose();

    [Fact]
    public async Task The_model_chooses_a_skill_calls_it_and_gets_its_typed_output_back()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("release-notes", """{"version":"2.1.0","changes":["Faster parser","Fix #12"]}""", id: "call_notes")
            .EnqueueCompletion(ReleaseNotesOutput)
            .EnqueueCompletion("The release notes for 2.1.0 are ready.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);
        using var host = new ChatClientBuilder(server.CreateChatClient("gpt-host")).UseFunctionInvocation().Build();

        var response = await host.GetResponseAsync("Write release notes for 2.1.0: faster parser, fixed #12.", new ChatOptions { Tools = skills.CreateTools(runner) }, Ct);

        Assert.Equal("The release notes for 2.1.0 are ready.", response.Text);
        Assert.Equal(3, server.Requests.Count);

        // 1. The host's model was offered every skill, each with its own parameters.
        var first = server.Requests[0];
        Assert.Equal("gpt-host", first.Model);
        var offered = first.Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["commit-style", "release-notes", "translate"], offered.Keys.Order(StringComparer.Ordinal));
        var parameters = offered["release-notes"].GetProperty("parameters");
        Assert.Equal(["version", "changes"], parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["users", "developers"], parameters.GetProperty("properties").GetProperty("audience").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("Writes release notes", offered["release-notes"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["task"], offered["commit-style"].GetProperty("parameters").GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // 2. The skill ran through the runner: its own model, its rendered instructions (the default
        //    filled in), its output contract as structured output, and no tools of its own.
        var run = server.Requests[1];
        Assert.Equal("gpt-skill", run.Model);
        Assert.Equal("Write release notes for version 2.1.0 for users.\nThe changes: Faster parser; Fix #12; ", run.Messages[0].Text);
        Assert.Equal("release-notes", run.ResponseFormat!.SchemaName);
        Assert.False(run.Body.TryGetProperty("tools", out _));

        // 3. The validated output went back to the host's model as the call's result.
        var result = Assert.Single(server.Requests[2].Messages, m => m.Role == "tool");
        Assert.Equal("call_notes", result.Json.GetProperty("tool_call_id").GetString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(ReleaseNotesOutput).RootElement, JsonDocument.Parse(result.Text).RootElement), result.Text);

        // The host sees the same typed result in the conversation.
        var content = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal("SkillRt 2.1.0", Assert.IsType<JsonElement>(content.Result).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_arguments_go_back_to_the_model_as_a_typed_error_and_the_conversation_goes_on()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("release-notes", """{"version":"2.1.0","changes":"Faster parser","audience":"managers"}""", id: "call_bad")
            .EnqueueToolCall("release-notes", """{"version":"2.1.0","changes":["Faster parser"]}""", id: "call_good")
            .EnqueueCompletion(ReleaseNotesOutput)
            .EnqueueCompletion("Done.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var skills = await SkillCollection.LoadAsync(_skills.Root, Ct);
        using var host = new ChatClientBuilder(server.CreateChatClient("gpt-host")).UseFunctionInvocation().Build();

        var response = await host.GetResponseAsync("Release notes for 2.1.0, please.", new ChatOptions { Tools = skills.CreateTools(runner) }, Ct);

        Assert.Equal("Done.", response.Text);
        Assert.Equal(["gpt-host", "gpt-host", "gpt-skill", "gpt-host"], server.Requests.Select(r => r.Model));

        // Nothing ran for the bad call: its answer names each violation, so the model could fix them.
        var error = JsonDocument.Parse(Assert.Single(server.Requests[1].Messages, m => m.Role == "tool").Text).RootElement;
        Assert.Equal("invalid_arguments", error.GetProperty("error").GetString());
        Assert.Equal(["/audience", "/changes"], error.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("pointer").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("managers", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var results = server.Requests[3].Messages.Where(m => m.Role == "tool").ToDictionary(m => m.Json.GetProperty("tool_call_id").GetString()!, m => m.Text);
        Assert.Equal("SkillRt 2.1.0", JsonDocument.Parse(results["call_good"]).RootElement.GetProperty("title").GetString());
    }
}
