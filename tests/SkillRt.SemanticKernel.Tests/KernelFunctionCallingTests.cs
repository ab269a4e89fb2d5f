using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.SemanticKernel.Tests;

/// <summary>
/// Skills as a Semantic Kernel plugin, end to end: a kernel with Semantic Kernel's own OpenAI connector,
/// pointed at <see cref="OpenAIChatServer"/>, calls a skill through automatic function calling
/// (<see cref="FunctionChoiceBehavior.Auto"/>); the skill runs through SkillRt's runner, whose own model
/// call the same server answers, and its output goes back to the kernel's model.
/// </summary>
public sealed class KernelFunctionCallingTests : IDisposable
{
    private readonly SkillFolderTree _skills = new SkillFolderTree().WriteAll();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _skills.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Automatic_function_calling_chooses_a_skill_calls_it_and_gets_its_typed_output_back(bool retainArgumentTypes)
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("skills-release-notes", """{"version":"2.1.0","changes":["Faster parser","Fix #12"],"max_items":2,"draft":true}""", id: "call_notes")
            .EnqueueCompletion(TestSkills.ReleaseNotesOutput)
            .EnqueueCompletion("The notes for 2.1.0 are ready.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var kernel = CreateKernel(server);
        kernel.Plugins.AddFromSkills(await SkillCollection.LoadAsync(_skills.Root, Ct), runner);

        var answer = await kernel.InvokePromptAsync("Write release notes for 2.1.0: a faster parser, fixed #12.", new KernelArguments(Auto(retainArgumentTypes)), cancellationToken: Ct);

        Assert.Equal("The notes for 2.1.0 are ready.", answer.ToString());
        Assert.Equal(["gpt-kernel", "gpt-skill", "gpt-kernel"], server.Requests.Select(r => r.Model));

        // The kernel's model was offered every skill as plugin-function, each with its parameters.
        var offered = server.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["skills-commit-style", "skills-release-notes", "skills-translate"], offered.Keys.Order(StringComparer.Ordinal));
        var parameters = offered["skills-release-notes"].GetProperty("parameters");
        Assert.Equal(["version", "changes"], parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", parameters.GetProperty("properties").GetProperty("changes").GetProperty("items").GetProperty("type").GetString());
        Assert.Equal("integer", parameters.GetProperty("properties").GetProperty("max_items").GetProperty("type").GetString());
        Assert.Equal(["task"], offered["skills-commit-style"].GetProperty("parameters").GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        // The skill ran with the arguments as the model sent them: an integer, a boolean and a list, not their text.
        var run = server.Requests[1];
        Assert.Equal("Write release notes for 2.1.0 with at most 2 highlights, marked DRAFT.\nChanges: Faster parser; Fix #12", run.Messages[0].Text);
        Assert.Equal("""{"version":"2.1.0","changes":["Faster parser","Fix #12"],"max_items":2,"draft":true}""", run.Messages.Last(m => m.Role == "user").Text);

        // Its validated output is the function's result in the kernel's conversation.
        var result = Assert.Single(server.Requests[2].Messages, m => m.Role == "tool");
        Assert.Equal("call_notes", result.Json.GetProperty("tool_call_id").GetString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TestSkills.ReleaseNotesOutput).RootElement, JsonDocument.Parse(result.Text).RootElement), result.Text);
    }

    [Fact]
    public async Task Invalid_arguments_go_back_to_the_model_as_a_typed_error_and_the_kernel_carries_on()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("skills-release-notes", """{"version":"2.1.0","changes":"just one change","max_items":"many"}""", id: "call_bad")
            .EnqueueToolCall("skills-release-notes", """{"version":"2.1.0","changes":["Faster parser"]}""", id: "call_good")
            .EnqueueCompletion(TestSkills.ReleaseNotesOutput)
            .EnqueueCompletion("Done.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));
        var kernel = CreateKernel(server);
        kernel.Plugins.AddFromSkills(await SkillCollection.LoadAsync(_skills.Root, Ct), runner);

        var answer = await kernel.InvokePromptAsync("Release notes for 2.1.0, please.", new KernelArguments(Auto(retainArgumentTypes: false)), cancellationToken: Ct);

        Assert.Equal("Done.", answer.ToString());
        Assert.Equal(["gpt-kernel", "gpt-kernel", "gpt-skill", "gpt-kernel"], server.Requests.Select(r => r.Model));
        var error = JsonDocument.Parse(Assert.Single(server.Requests[1].Messages, m => m.Role == "tool").Text).RootElement;
        Assert.Equal("invalid_arguments", error.GetProperty("error").GetString());
        Assert.Equal("release-notes", error.GetProperty("skill").GetString());
        Assert.Equal(["/changes", "/max_items"], error.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("pointer").GetString()).Order(StringComparer.Ordinal));

        var good = server.Requests[3].Messages.Single(m => m.Role == "tool" && m.Json.GetProperty("tool_call_id").GetString() == "call_good");
        Assert.Equal("SkillRt 2.1.0", JsonDocument.Parse(good.Text).RootElement.GetProperty("title").GetString());
    }

    private static Kernel CreateKernel(OpenAIChatServer server)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("gpt-kernel", server.BaseAddress, OpenAIChatServer.ApiKey);
        return builder.Build();
    }

    // RetainArgumentTypes is experimental in Semantic Kernel (SKEXP0001); both of its settings must work.
#pragma warning disable SKEXP0001
    private static OpenAIPromptExecutionSettings Auto(bool retainArgumentTypes) => new()
    {
        FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { RetainArgumentTypes = retainArgumentTypes }),
    };
#pragma warning restore SKEXP0001
}
