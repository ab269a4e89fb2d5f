using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Handoff.Tests.Delegation;

/// <summary>
/// A parent skill's model hands a sub-task to a cheaper model through the <c>delegate</c> tool, reads
/// the typed result and finishes; one trace covers the parent's run, the tool call, the handoff and
/// the child's run.
/// </summary>
public sealed class DelegateToolTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private OpenAIChatServer _parent = null!;
    private OpenAIChatServer _child = null!;

    public DelegateToolTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "SkillRt" or "SkillRt.Handoff",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async ValueTask InitializeAsync()
    {
        _parent = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        _child = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _parent.DisposeAsync();
        await _child.DisposeAsync();
    }

    public void Dispose() => _listener.Dispose();

    private const string Envelope = """
        {"handoff":"1.0","taskId":"sub-1","goal":"Classify the ticket's urgency.",
         "input":{"ticket":"The site is down."},
         "outputSchema":{"type":"object","required":["urgency"],"properties":{"urgency":{"enum":["low","high"]}}},
         "budget":{"totalTokens":2000,"turns":2}}
        """;

    [Fact]
    public async Task A_parent_skill_delegates_through_the_tool_and_continues_with_the_result()
    {
        _parent.EnqueueToolCall("delegate", Envelope.ReplaceLineEndings(" "));
        _parent.EnqueueCompletion("Escalate: urgency is high.");
        _child.Enqueue(ScriptedReply.Stream("""{"urgency":"high"}"""));
        var services = new ServiceCollection();
        services.AddChatClient(_parent.CreateChatClient("parent-model"));
        services.AddKeyedChatClient("cheap", _child.CreateChatClient("cheap-model"));
#pragma warning disable SKILLRT002 // the tool-provider API is experimental
        services.AddSkillRt().AddHandoff().AddDelegateTool(new DelegateOptions { Model = "cheap" });
#pragma warning restore SKILLRT002
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ISkillRunner>();
        var skill = SkillDefinition.Parse("---\nname: triage\ndescription: Triages tickets, handing classification to a cheaper model.\n---\nTriage the ticket.\n");

        var answer = await runner.RunAsync(skill, "Triage: the site is down.", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Escalate: urgency is high.", answer.Output.GetString());
        Assert.Contains(_parent.Requests[0].Body.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == "delegate");
        var toolMessage = _parent.Requests[1].Messages.Single(m => m.Role == "tool");
        using var result = JsonDocument.Parse(toolMessage.Text);
        Assert.Equal("completed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("high", result.RootElement.GetProperty("output").GetProperty("urgency").GetString());
        Assert.Single(_child.Requests);

        // One trace: run_skill triage → execute_tool delegate → invoke_agent handoff → run_skill handoff-task.
        var handoff = Assert.Single(_stopped, a => a.Source.Name == "SkillRt.Handoff" && (string?)a.GetTagItem("skillrt.handoff.task_id") == "sub-1");
        var tool = Assert.Single(_stopped, a => a.SpanId == handoff.ParentSpanId);
        Assert.StartsWith("execute_tool delegate", tool.OperationName, StringComparison.Ordinal);
        Assert.Contains(_stopped, a => a.ParentSpanId == handoff.SpanId && a.OperationName.StartsWith("run_skill", StringComparison.Ordinal));
        Assert.Contains(_stopped, a => a.SpanId == tool.ParentSpanId && a.OperationName == "run_skill triage");
    }

    [Fact]
    public async Task An_invalid_envelope_from_the_model_comes_back_as_a_located_failure_it_can_fix()
    {
        _parent.EnqueueToolCall("delegate", """{"handoff":"1.0","taskId":"sub-2","goal":"x","outputSchema":true,"budget":{"turns":0}}""");
        _parent.EnqueueCompletion("Gave up.");
        var services = new ServiceCollection();
        services.AddChatClient(_parent.CreateChatClient("parent-model"));
        services.AddKeyedChatClient("cheap", _child.CreateChatClient("cheap-model"));
#pragma warning disable SKILLRT002 // the tool-provider API is experimental
        services.AddSkillRt().AddHandoff().AddDelegateTool(new DelegateOptions { Model = "cheap" });
#pragma warning restore SKILLRT002
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ISkillRunner>();
        var skill = SkillDefinition.Parse("---\nname: triage\ndescription: Triages tickets.\n---\nTriage the ticket.\n");

        await runner.RunAsync(skill, "Triage.", cancellationToken: TestContext.Current.CancellationToken);

        using var result = JsonDocument.Parse(_parent.Requests[1].Messages.Single(m => m.Role == "tool").Text);
        Assert.Equal("failed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("/budget/turns", result.RootElement.GetProperty("error").GetProperty("path").GetString());
        Assert.Empty(_child.Requests);
    }
}
