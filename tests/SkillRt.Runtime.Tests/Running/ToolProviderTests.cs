using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Execution;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>
/// Tools a host gives the model through <see cref="ISkillToolProvider"/>: offered beside the skill's
/// own, behind the same gate (approval, limits, telemetry), and refused when a name is taken.
/// The model's turns are scripted through <see cref="OpenAIChatServer"/>, as in the other tool-calling tests.
/// </summary>
public sealed class ToolProviderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    // A skill that brings no tools of its own: whatever the model is offered comes from the providers.
    private static SkillDefinition Plain(string name) => SkillDefinition.Parse($"""
        ---
        name: {name}
        description: Answers a question, remembering what it learns.
        inputs:
          - name: question
            type: string
            required: true
        outputs:
          type: text
        ---
        Answer {"{{"} question {"}}"}.
        """);

    private static SkillDefinition Fetcher(string name) => SkillDefinition.Parse($"""
        ---
        name: {name}
        description: Reads a page.
        permissions:
          network: [docs.example.com]
        ---
        Read the page you are given.
        """);

    [Fact]
    public async Task A_provider_added_through_the_builder_gives_the_model_a_tool_that_goes_through_approval_and_telemetry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("remember", """{"fact":"the sky is blue"}""", id: "call_1")
            .EnqueueCompletion("Remembered.");
        var asked = new ConcurrentQueue<SkillToolCall>();
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient()).AddSingleton<Notebook>();
        services.AddSkillRt(options => options.ApproveToolCall = (call, _) =>
            {
                asked.Enqueue(call);
                return ValueTask.FromResult(true);
            })
            .AddSkillToolProvider<NotebookToolProvider>()
            .AddSkillToolProvider<NotebookToolProvider>();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var runner = provider.GetRequiredService<ISkillRunner>();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);

        var result = await runner.RunAsync(Plain("provided-tool"), Json("""{"question":"what colour is the sky?"}"""), cancellationToken: ct);

        Assert.Equal("Remembered.", result.Output.GetString());
        Assert.Equal(1, result.Report.ToolCalls);
        var notebook = provider.GetRequiredService<Notebook>();
        Assert.Equal(["the sky is blue"], notebook.Facts);
        // Added twice by type, registered once: one tool, asked for once, for this skill.
        Assert.Equal(["provided-tool"], notebook.AskedFor);
        var offered = server.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["remember"], offered);
        Assert.Equal("noted", server.Requests[1].Messages.Last(m => m.Role == "tool").Text?.Trim('"'));
        var call = Assert.Single(asked);
        Assert.Equal(("provided-tool", "remember", SkillToolKind.Provided), (call.SkillName, call.ToolName, call.Kind));
        var span = Assert.Single(spans, s => s.OperationName == "execute_tool remember" && Equals(s.GetTagItem("skillrt.skill.name"), "provided-tool"));
        Assert.Equal("provided", span.GetTagItem("skillrt.tool.kind"));
        Assert.Equal("success", span.GetTagItem("skillrt.tool.outcome"));
    }

    [Fact]
    public async Task A_provided_tool_the_host_does_not_approve_is_refused_and_never_called()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("remember", """{"fact":"a secret"}""", id: "call_1")
            .EnqueueCompletion("Could not remember.");
        var notebook = new Notebook();
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient());
        services.AddSkillRt(options => options.ApproveToolCall = (call, _) => ValueTask.FromResult(call.Kind != SkillToolKind.Provided))
            .AddSkillToolProvider(new NotebookToolProvider(notebook));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(Plain("denied-tool"), Json("""{"question":"q"}"""), cancellationToken: ct);

        Assert.Equal("Could not remember.", result.Output.GetString());
        Assert.Empty(notebook.Facts);
        Assert.Equal(1, result.Report.ToolCalls);
        Assert.Equal("Refused: The host did not approve this call; do without it or answer with what you have.", server.Requests[1].Messages.Last(m => m.Role == "tool").Text);
    }

    [Fact]
    public async Task A_provided_tool_whose_name_is_taken_fails_the_run_before_the_model_is_called_naming_both()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient());
        services.AddSkillRt().AddSkillToolProvider(new NamedToolProvider("fetch_url"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provider.GetRequiredService<ISkillRunner>().RunAsync(Fetcher("clashing-tool"), Json("{}"), cancellationToken: ct));

        Assert.Equal(
            $"The tool provider {typeof(NamedToolProvider).FullName} gives skill 'clashing-tool' a tool named 'fetch_url', and SkillRt's built-in tool already has that name; "
            + "the model could not tell them apart. Rename the provided tool, or have the provider leave it out for this skill (its context names the skill).",
            error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Two_providers_giving_one_name_fail_the_run_naming_the_provider_that_came_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient());
        services.AddSkillRt().AddSkillToolProvider(new NotebookToolProvider(new Notebook())).AddSkillToolProvider(new NamedToolProvider("remember"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provider.GetRequiredService<ISkillRunner>().RunAsync(Plain("two-providers"), Json("""{"question":"q"}"""), cancellationToken: ct));

        Assert.Contains($"The tool provider {typeof(NamedToolProvider).FullName} gives skill 'two-providers' a tool named 'remember', and a tool of provider {typeof(NotebookToolProvider).FullName} already has that name", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Without_providers_a_skill_without_tools_of_its_own_is_offered_none()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new ScriptedChatClient().Answer("Blue.").Answer("Blue.");
        var services = new ServiceCollection().AddSingleton<IChatClient>(client);
        services.AddSkillRt();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var created = SkillRunner.Create(client);

        var fromContainer = await provider.GetRequiredService<ISkillRunner>().RunAsync(Plain("no-providers"), Json("""{"question":"q"}"""), cancellationToken: ct);
        var fromCreate = await created.RunAsync(Plain("no-providers"), Json("""{"question":"q"}"""), cancellationToken: ct);

        Assert.Empty(provider.GetServices<ISkillToolProvider>());
        Assert.Equal(0, fromContainer.Report.ToolCalls);
        Assert.Equal(0, fromCreate.Report.ToolCalls);
        Assert.All(client.Requests, request => Assert.True(request.Options?.Tools is null or { Count: 0 }));
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SkillRtTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>What the notebook tool wrote down, and which skills its provider was asked for; a service of the container.</summary>
    private sealed class Notebook
    {
        public ConcurrentQueue<string> Facts { get; } = new();

        public ConcurrentQueue<string> AskedFor { get; } = new();
    }

    /// <summary>Gives every run a <c>remember</c> tool writing to the notebook it is constructed with, as a memory module would.</summary>
    private sealed class NotebookToolProvider(Notebook notebook) : ISkillToolProvider
    {
        public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken)
        {
            notebook.AskedFor.Enqueue(context.Descriptor.Name);
            var remember = AIFunctionFactory.Create(
                (string fact) =>
                {
                    notebook.Facts.Enqueue(fact);
                    return "noted";
                },
                "remember",
                "Writes a fact down for later runs.");
            return ValueTask.FromResult<IReadOnlyList<AIFunction>>([remember]);
        }
    }

    /// <summary>Gives every run one tool of the given name.</summary>
    private sealed class NamedToolProvider(string name) : ISkillToolProvider
    {
        public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<AIFunction>>([AIFunctionFactory.Create(() => "unused", name)]);
    }
}
