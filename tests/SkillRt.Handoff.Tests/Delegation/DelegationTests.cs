using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Handoff.Tests.Delegation;

/// <summary>
/// Handoffs end to end: the delegator, SkillRt's runner and Microsoft.Extensions.AI.OpenAI's client
/// against a loopback server that speaks the OpenAI chat-completions protocol, streaming included.
/// </summary>
public sealed class DelegationTests : IAsyncLifetime
{
    private const string Summary = """{"title":"Handoffs made typed","words":4}""";
    private OpenAIChatServer _cheap = null!;
    private OpenAIChatServer _strong = null!;

    public async ValueTask InitializeAsync()
    {
        _cheap = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        _strong = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _cheap.DisposeAsync();
        await _strong.DisposeAsync();
    }

    private HandoffDelegator CreateDelegator(HandoffDelegatorOptions? options = null) => new(
        model => model switch
        {
            "cheap" => _cheap.CreateChatClient("cheap-model"),
            "strong" => _strong.CreateChatClient("strong-model"),
            _ => null,
        },
        options);

    private static HandoffTask<ArticleInput> Task(HandoffBudget? budget = null, HandoffCriteria? criteria = null) => new()
    {
        TaskId = "summary-1",
        Goal = "Summarise the article as a title and a word count of the title.",
        Input = new ArticleInput("SkillRt hands tasks from one model to another with a typed envelope."),
        Budget = budget ?? new HandoffBudget { OutputTokens = 1_000, Turns = 6 },
        Criteria = criteria,
    };

    private static HandoffCriteria AtLeastThreeWords => new()
    {
        Assertions = [new HandoffAssertion { Path = "/words", Op = HandoffAssertionOperator.AtLeast, Value = JsonDocument.Parse("3").RootElement }],
    };

    private static void AssertMatchesResultSchema(HandoffResult result) =>
        Assert.Empty(HandoffSchemas.Result.Validate(JsonSerializer.SerializeToElement(result, HandoffJson.Result)));

    [Fact]
    public async Task A_typed_task_through_keyed_DI_returns_the_typed_output()
    {
        _cheap.Enqueue(ScriptedReply.Stream(Summary, chunks: 4, promptTokens: 120, completionTokens: 12));
        var services = new ServiceCollection();
        services.AddKeyedChatClient("cheap", _cheap.CreateChatClient("cheap-model"));
        services.AddSkillRt().AddHandoff(o => o.Prices.Add("cheap", new ModelPrice(1m, 2m)));
        await using var provider = services.BuildServiceProvider();
        var delegator = provider.GetRequiredService<IHandoffDelegator>();

        var result = await delegator.DelegateAsync(Task(criteria: AtLeastThreeWords), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap" }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        Assert.Equal(new SummaryOutput("Handoffs made typed", 4), result.Output);
        var wire = result.Result;
        Assert.Equal("summary-1", wire.TaskId);
        // The provider's usage, not the estimate: the stream reported it.
        Assert.Equal(new HandoffUsage { InputTokens = 120, OutputTokens = 12, TotalTokens = 132, Turns = 1 }, wire.Usage);
        Assert.Equal((120m * 1m + 12m * 2m) / 1_000_000m, wire.Cost);
        var attempt = Assert.Single(wire.Attempts);
        Assert.Equal(("cheap", HandoffStatus.Completed), (attempt.Model, attempt.Status));
        Assert.Equal(["schema", "assertions/0"], wire.Evidence.Select(e => e.Criterion));
        Assert.All(wire.Evidence, e => Assert.True(e.Passed));
        AssertMatchesResultSchema(wire);

        // The child got the goal, the criteria and the typed input; the call was streamed even though the runner asked for a whole response.
        var request = Assert.Single(_cheap.Requests);
        Assert.True(request.Stream);
        Assert.Contains("Summarise the article", request.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("/words is a number at least 3", request.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("SkillRt hands tasks", request.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(1_000, request.MaxTokens);
    }

    [Fact]
    public async Task Criteria_unmet_is_retried_once_then_escalated_to_the_next_model()
    {
        const string TooShort = """{"title":"Handoffs","words":1}""";
        _cheap.Enqueue(ScriptedReply.Stream(TooShort), ScriptedReply.Stream(TooShort));
        _strong.Enqueue(ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(criteria: AtLeastThreeWords), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["strong"], RetriesPerModel = 1 }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        Assert.Equal(4, result.Output.Words);
        Assert.Equal(
            [("cheap", HandoffStatus.CriteriaUnmet), ("cheap", HandoffStatus.CriteriaUnmet), ("strong", HandoffStatus.Completed)],
            result.Result.Attempts.Select(a => (a.Model, a.Status)));
        Assert.Equal("criteria_unmet", result.Result.Attempts[0].Error!.Code);
        Assert.Equal("/words", result.Result.Attempts[0].Error!.Path);
        // One budget over all three attempts: the server's default usage is 10 + 5 per call.
        Assert.Equal(new HandoffUsage { InputTokens = 30, OutputTokens = 15, TotalTokens = 45, Turns = 3 }, result.Result.Usage);
        Assert.Equal(2, _cheap.Requests.Count);
        Assert.Single(_strong.Requests);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task Every_model_failing_the_criteria_ends_criteria_unmet_with_the_evidence()
    {
        _cheap.Enqueue(ScriptedReply.Stream("""{"title":"x","words":1}"""));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(criteria: AtLeastThreeWords), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", RetriesPerModel = 0 }, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(HandoffStatus.CriteriaUnmet, result.Result.Status);
        Assert.Null(result.Result.Output);
        var failed = Assert.Single(result.Result.Evidence, e => !e.Passed);
        Assert.Equal(("assertions/0", "/words"), (failed.Criterion, failed.Path));
        Assert.Contains("The value 1 is not at least 3", failed.Detail, StringComparison.Ordinal);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task An_output_breaking_the_schema_is_repaired_by_the_runner_within_the_attempt()
    {
        _cheap.Enqueue(ScriptedReply.Stream("""{"title":"no count"}"""), ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", RetriesPerModel = 0, MaxRepairAttempts = 1 }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        var attempt = Assert.Single(result.Result.Attempts);
        Assert.Equal(2, attempt.Usage.Turns);
        Assert.Contains("words", _cheap.Requests[1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_that_runs_out_mid_stream_stops_the_stream_within_one_chunk()
    {
        const string Chunk = "abcdefgh"; // 8 characters: an estimated 2 tokens a chunk
        const long Limit = 50;
        _cheap.Enqueue(ScriptedReply.EndlessStream(Chunk));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffBudget { OutputTokens = Limit }), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["strong"] }, TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.BudgetExhausted, result.Result.Status);
        Assert.Equal(("budget_output_tokens", "/budget/outputTokens"), (result.Result.Error!.Code, result.Result.Error.Path));
        var usage = result.Result.Usage;
        Assert.True(usage.Estimated);
        Assert.Equal(1, usage.Turns);
        // Passed, but by no more than the one chunk that passed it.
        Assert.InRange(usage.OutputTokens, Limit + 1, Limit + 2);
        // The budget is not handed on: no retry, no escalation.
        Assert.Equal(("cheap", HandoffStatus.BudgetExhausted), (Assert.Single(result.Result.Attempts).Model, result.Result.Attempts[0].Status));
        Assert.Empty(_strong.Requests);
        // Stopping reading closed the request: the server saw the client go away.
        var aborted = await _cheap.AbortObserved.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(aborted.WasAborted);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task A_turn_budget_stops_before_the_call_that_would_pass_it()
    {
        _cheap.Enqueue(ScriptedReply.Stream("""{"title":"no count"}"""));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffBudget { Turns = 1 }), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", MaxRepairAttempts = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.BudgetExhausted, result.Result.Status);
        Assert.Equal("budget_turns", result.Result.Error!.Code);
        Assert.Equal(1, result.Result.Usage.Turns);
        Assert.Single(_cheap.Requests);
    }

    [Fact]
    public async Task The_deadline_stops_a_model_that_hangs()
    {
        var received = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cheap.Enqueue(ScriptedReply.Hang(received));
        var clock = new ManualClock();
        await using var delegator = CreateDelegator(new HandoffDelegatorOptions { TimeProvider = clock });

        var handoff = delegator.DelegateAsync(Task(new HandoffBudget { Deadline = DateTimeOffset.UtcNow.AddHours(1) }), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["strong"] }, TestContext.Current.CancellationToken);
        await received.Task.WaitAsync(TestContext.Current.CancellationToken);
        clock.Expire();
        var result = await handoff.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.BudgetExhausted, result.Result.Status);
        Assert.Equal(("deadline", "/budget/deadline"), (result.Result.Error!.Code, result.Result.Error.Path));
        Assert.Empty(_strong.Requests);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task Cancelling_the_parent_ends_the_handoff_cancelled_not_with_an_exception()
    {
        var received = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cheap.Enqueue(ScriptedReply.Hang(received));
        await using var delegator = CreateDelegator();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var handoff = delegator.DelegateAsync(Task(), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["strong"] }, cancellation.Token);
        await received.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();
        var result = await handoff.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.Cancelled, result.Result.Status);
        Assert.Equal("cancelled", result.Result.Error!.Code);
        Assert.Empty(_strong.Requests);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task A_provider_error_fails_the_attempt_and_the_next_model_takes_over()
    {
        _cheap.Enqueue(ScriptedReply.BadRequest("The model does not exist."));
        _strong.Enqueue(ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["strong"], RetriesPerModel = 0 }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        Assert.Equal("model_error", result.Result.Attempts[0].Error!.Code);
        Assert.Contains("does not exist", result.Result.Attempts[0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_envelope_fails_before_any_model_is_called()
    {
        await using var delegator = CreateDelegator();
        var task = Task() with { Grants = new HandoffGrants { Tools = ["shell"] } };

        var result = await delegator.DelegateAsync(task, TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", ParentGrants = new HandoffGrants { Tools = ["search"] } }, TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.Failed, result.Result.Status);
        Assert.Equal(("invalid_envelope", "/grants/tools/0"), (result.Result.Error!.Code, result.Result.Error.Path));
        Assert.Empty(result.Result.Attempts);
        Assert.Empty(_cheap.Requests);
        AssertMatchesResultSchema(result.Result);
    }

    [Fact]
    public async Task A_model_without_a_chat_client_fails_with_how_to_register_it()
    {
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", Escalation = ["missing"] }, TestContext.Current.CancellationToken);

        Assert.Equal("unknown_model", result.Result.Error!.Code);
        Assert.Contains("AddKeyedChatClient(\"missing\"", result.Result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_cheap.Requests);
    }

    [Fact]
    public async Task A_rubric_is_graded_by_the_grader_model_within_the_same_budget()
    {
        _cheap.Enqueue(ScriptedReply.Stream(Summary));
        _strong.Enqueue(ScriptedReply.Stream("""{"score":0.4,"reason":"The title is flat."}"""), ScriptedReply.Stream("""{"score":0.9,"reason":"Good."}"""));
        _cheap.Enqueue(ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();
        var criteria = new HandoffCriteria { Rubric = new HandoffRubric { Instructions = "The title is catchy.", PassScore = 0.8, Grader = "strong" } };

        var result = await delegator.DelegateAsync(Task(criteria: criteria), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap", RetriesPerModel = 1 }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        Assert.Equal([HandoffStatus.CriteriaUnmet, HandoffStatus.Completed], result.Result.Attempts.Select(a => a.Status));
        Assert.Contains("is below the pass score 0.8", result.Result.Attempts[0].Error!.Message, StringComparison.Ordinal);
        var rubric = Assert.Single(result.Result.Evidence, e => e.Criterion == "rubric");
        Assert.Equal(0.9, rubric.Score);
        // Two child calls and two grader calls, all on one budget.
        Assert.Equal(4, result.Result.Usage.Turns);
    }

    [Fact]
    public async Task A_deadline_years_away_is_accepted_and_does_not_stop_the_run()
    {
        _cheap.Enqueue(ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffBudget { Deadline = DateTimeOffset.UtcNow.AddYears(5) }), TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput,
            new DelegateOptions { Model = "cheap" }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
    }

    [Fact]
    public async Task An_envelope_with_a_2020_12_schema_runs_and_its_output_is_checked_against_it()
    {
        // anyOf and const, beyond what a typed output needs: the child's skill is checked by the same validator.
        _cheap.Enqueue(ScriptedReply.Stream("""{"kind":"maybe"}"""), ScriptedReply.Stream("""{"kind":"yes","confidence":0.9}"""));
        await using var delegator = CreateDelegator();
        var envelope = new HandoffEnvelope
        {
            TaskId = "classify-1",
            Goal = "Is the sky blue? Answer yes with a confidence, or no with a reason.",
            OutputSchema = JsonDocument.Parse("""
                {"anyOf":[
                  {"type":"object","required":["kind","confidence"],"properties":{"kind":{"const":"yes"},"confidence":{"type":"number"}}},
                  {"type":"object","required":["kind","reason"],"properties":{"kind":{"const":"no"},"reason":{"type":"string"}}}
                ]}
                """).RootElement,
            Budget = new HandoffBudget { Turns = 3 },
        };

        var result = await delegator.DelegateAsync(envelope, new DelegateOptions { Model = "cheap", RetriesPerModel = 0 }, TestContext.Current.CancellationToken);

        Assert.Equal(HandoffStatus.Completed, result.Status);
        Assert.Equal("yes", result.Output!.Value.GetProperty("kind").GetString());
        Assert.Equal(2, result.Usage.Turns);
        AssertMatchesResultSchema(result);
    }
}
