using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Dependencies;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// Model skills that call tools, with the model's turns scripted through <see cref="OpenAIChatServer"/>
/// and the official OpenAI client: sibling skills chosen by version range, built-in tools gated by
/// permissions, the host's approval and the run's limits.
/// </summary>
public sealed class ToolCallingIntegrationTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static SkillDefinition Review() => SkillDefinition.Parse("""
        ---
        name: review
        version: 1.0.0
        description: Reviews code using the lint skill.
        inputs:
          - name: code
            type: string
            required: true
        outputs:
          type: json
          schema:
            type: object
            required: [summary]
            properties:
              summary: { type: string }
        dependencies:
          skills: [lint@^1.0]
        ---
        Review {{ code }}; call lint first.
        """);

    [Fact]
    public async Task A_model_skill_calls_the_highest_sibling_in_range_which_runs_as_a_skill_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("lint", """{"code":"x = 1"}""", id: "call_1")
            .EnqueueCompletion("""{"issues":3}""")
            .EnqueueCompletion("""{"summary":"lint found 3 issues"}""");
        var options = new SkillRunnerOptions();
        options.Skills.Add(DependencyResolutionTests.Lint("1.0.0")).Add(DependencyResolutionTests.Lint("1.4.0")).Add(DependencyResolutionTests.Lint("2.0.0"));
        await using var runner = new SkillRunner(server.CreateChatClient(), options);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);

        var result = await runner.RunAsync(Review(), Json("""{"code":"x = 1"}"""), cancellationToken: ct);

        Assert.Equal("lint found 3 issues", result.Output.GetProperty("summary").GetString());
        Assert.Equal(1, result.Report.ToolCalls);
        Assert.Equal(3, server.Requests.Count);

        // The parent was offered lint with lint's input schema.
        var tool = Assert.Single(server.Requests[0].Body.GetProperty("tools").EnumerateArray());
        Assert.Equal("lint", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("code", tool.GetProperty("function").GetProperty("parameters").GetProperty("required")[0].GetString());

        // The nested run was lint 1.4.0: the highest version in ^1.0, with its own instructions and no tools.
        var nested = server.Requests[1];
        Assert.StartsWith("Lint 1.4.0: count the problems in x = 1.", nested.Messages[0].Text, StringComparison.Ordinal);
        Assert.False(nested.Body.TryGetProperty("tools", out _));

        // The parent got the lint output back as the tool's result.
        var toolMessage = Assert.Single(server.Requests[2].Messages, m => m.Role == "tool");
        Assert.Equal("call_1", toolMessage.Json.GetProperty("tool_call_id").GetString());
        Assert.Equal(3, JsonDocument.Parse(toolMessage.Text).RootElement.GetProperty("issues").GetInt32());

        var span = Assert.Single(spans, s => s.OperationName == "execute_tool lint");
        Assert.Equal("lint", span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("call_1", span.GetTagItem("gen_ai.tool.call.id"));
        Assert.Equal("skill", span.GetTagItem("skillrt.tool.kind"));
        Assert.Equal("success", span.GetTagItem("skillrt.tool.outcome"));
        Assert.Contains(spans, s => s.OperationName == "run_skill lint" && s.Parent == span);
    }

    [Fact]
    public async Task A_sibling_without_inputs_is_called_with_its_task_in_words()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("tone", """{"task":"Is 'LGTM, ship it' too curt for a first-time contributor?"}""", id: "call_tone")
            .EnqueueCompletion("A little: thank them first.")
            .EnqueueCompletion("""{"summary":"Thank the contributor, then approve."}""");
        var options = new SkillRunnerOptions();
        options.Skills.Add(SkillDefinition.Parse("""
            ---
            name: tone
            description: Judges the tone of a review comment.
            ---
            Judge the tone of the comment you are given.
            """));
        var review = SkillDefinition.Parse("""
            ---
            name: review
            description: Reviews code and checks the tone of the comment.
            inputs:
              - name: code
                required: true
            outputs:
              type: json
              schema: { type: object, required: [summary], properties: { summary: { type: string } } }
            dependencies:
              skills: [tone]
            ---
            Review {{ code }}.
            """);
        await using var runner = new SkillRunner(server.CreateChatClient(), options);

        var result = await runner.RunAsync(review, Json("""{"code":"x = 1"}"""), cancellationToken: ct);

        Assert.Equal("Thank the contributor, then approve.", result.Output.GetProperty("summary").GetString());
        var tool = Assert.Single(server.Requests[0].Body.GetProperty("tools").EnumerateArray()).GetProperty("function");
        Assert.Equal(["task"], tool.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var nested = server.Requests[1];
        Assert.Equal("Judge the tone of the comment you are given.", nested.Messages[0].Text);
        Assert.Equal("Is 'LGTM, ship it' too curt for a first-time contributor?", nested.Messages.Last(m => m.Role == "user").Text);
        Assert.Equal("A little: thank them first.", Assert.Single(server.Requests[2].Messages, m => m.Role == "tool").Text);
    }

    [Fact]
    public async Task A_call_the_skills_permissions_do_not_allow_is_refused_to_the_model_logged_and_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Directory.CreateTempSubdirectory("skillrt-tools-");
        try
        {
            Directory.CreateDirectory(Path.Combine(work.FullName, "notes"));
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "notes", "todo.md"), "ship it", ct);
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "secret.txt"), "hunter2", ct);
            var skill = SkillDefinition.Parse("""
                ---
                name: notes-reader
                description: Reads notes.
                permissions:
                  filesystem:
                    - path: ./notes/**
                      access: read
                ---
                Read the notes.
                """);
            await using var server = await OpenAIChatServer.StartAsync(ct);
            server.EnqueueToolCalls(
                    new ScriptedToolCall("call_a", "read_file", """{"path":"secret.txt"}"""),
                    new ScriptedToolCall("call_b", "read_file", """{"path":"notes/todo.md"}"""))
                .EnqueueCompletion("The note says: ship it");
            await using var runner = new SkillRunner(server.CreateChatClient(), new SkillRunnerOptions { WorkingDirectory = work.FullName });
            var denials = new ConcurrentQueue<(long Value, string? Reason)>();
            using var meter = ListenForDenials(denials);

            var result = await runner.RunAsync(skill, "what do the notes say?", cancellationToken: ct);

            Assert.Equal("The note says: ship it", result.Output.GetString());
            var results = server.Requests[1].Messages.Where(m => m.Role == "tool").ToDictionary(m => m.Json.GetProperty("tool_call_id").GetString()!, m => m.Text);
            Assert.StartsWith("Refused: ", results["call_a"], StringComparison.Ordinal);
            Assert.Contains("permissions.filesystem", results["call_a"], StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", results["call_a"], StringComparison.Ordinal);
            Assert.Contains("ship it", results["call_b"], StringComparison.Ordinal);
            Assert.Contains(denials, d => d.Value == 1 && d.Reason == "filesystem");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_hosts_approval_and_the_runs_call_limit_refuse_calls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("lint", """{"code":"a"}""", id: "call_1")
            .EnqueueToolCall("lint", """{"code":"b"}""", id: "call_2")
            .EnqueueCompletion("""{"summary":"could not lint"}""");
        var asked = new List<SkillToolCall>();
        var options = new SkillRunnerOptions
        {
            MaxToolCalls = 1,
            ApproveToolCall = (call, _) =>
            {
                asked.Add(call);
                return ValueTask.FromResult(false);
            },
        };
        options.Skills.Add(DependencyResolutionTests.Lint("1.0.0"));
        await using var runner = new SkillRunner(server.CreateChatClient(), options);

        var result = await runner.RunAsync(Review(), Json("""{"code":"a"}"""), cancellationToken: ct);

        Assert.Equal(2, result.Report.ToolCalls);
        var call = Assert.Single(asked);
        Assert.Equal(("review", "lint", SkillToolKind.Skill), (call.SkillName, call.ToolName, call.Kind));
        Assert.Equal("a", ((JsonElement)call.Arguments["code"]!).GetString());
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("Refused: The host did not approve this call; do without it or answer with what you have.", server.Requests[1].Messages.Last(m => m.Role == "tool").Text);
        Assert.Equal("Refused: This run has used its 1 tool calls; answer with what you have.", server.Requests[2].Messages.Last(m => m.Role == "tool").Text);
    }

    [Fact]
    public async Task At_the_turn_limit_the_model_is_asked_once_more_without_tools_and_must_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("lint", """{"code":"a"}""", id: "call_1")
            .EnqueueCompletion("""{"issues":1}""")
            .EnqueueToolCall("lint", """{"code":"b"}""", id: "call_2")
            .EnqueueCompletion("""{"issues":2}""")
            .EnqueueCompletion("""{"summary":"done"}""");
        var options = new SkillRunnerOptions { MaxTurns = 2 };
        options.Skills.Add(DependencyResolutionTests.Lint("1.0.0"));
        await using var runner = new SkillRunner(server.CreateChatClient(), options);

        var result = await runner.RunAsync(Review(), Json("""{"code":"a"}"""), cancellationToken: ct);

        Assert.Equal("done", result.Output.GetProperty("summary").GetString());
        Assert.Equal(2, result.Report.ToolCalls);
        // Requests 2 and 4 are the nested lint runs; 1 and 3 are the parent's two turns, and 5 is the
        // parent's last request, with both results and no tools left to call.
        Assert.Equal([true, false, true, false, false], server.Requests.Select(r => r.Body.TryGetProperty("tools", out _)));
        Assert.Equal(2, server.Requests[4].Messages.Count(m => m.Role == "tool"));
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

    private static MeterListener ListenForDenials(ConcurrentQueue<(long, string?)> denials)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SkillRtTelemetry.MeterName && instrument.Name == "skillrt.tool.denials")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "skillrt.tool.denial_reason")
                {
                    reason = tag.Value as string;
                }
            }

            denials.Enqueue((value, reason));
        });
        listener.Start();
        return listener;
    }
}
