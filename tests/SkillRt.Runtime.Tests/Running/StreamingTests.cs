using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

public sealed class StreamingTests
{
    private static readonly PrReviewInput Input = new(new Uri("https://github.com/contoso/app/pull/7"));

    [Fact]
    public async Task Streamed_run_yields_text_then_a_repair_notice_then_the_validated_output()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Valid);
        var updates = new List<SkillRunUpdate<PrReviewOutput>>();

        await foreach (var update in PrReviewSkill.RunStreamingAsync(new SkillRunner(client), Input, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var repairAt = updates.FindIndex(u => u.Kind == SkillRunUpdateKind.Repair);
        Assert.True(repairAt > 0);
        Assert.Equal(PrReviewAnswers.Invalid, string.Concat(updates.Take(repairAt).Select(u => u.Text)));
        Assert.Equal(PrReviewAnswers.Valid, string.Concat(updates.Skip(repairAt + 1).SkipLast(1).Select(u => u.Text)));
        Assert.Equal(3, updates[repairAt].Repair!.Violations.Count);

        var last = updates[^1];
        Assert.Equal(SkillRunUpdateKind.Completed, last.Kind);
        Assert.Equal(PrReviewVerdict.RequestChanges, last.Result!.Output.Verdict);
        Assert.Equal(2, last.Result.Report.Attempts);
        Assert.Equal(200, last.Result.Report.InputTokens);
        Assert.Single(updates, u => u.Kind == SkillRunUpdateKind.Completed);
    }

    [Fact]
    public async Task Streamed_run_that_fails_throws_from_the_enumeration()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid);
        var texts = 0;

        var error = await Assert.ThrowsAsync<SkillOutputException>(async () =>
        {
            await foreach (var update in PrReviewSkill.RunStreamingAsync(new SkillRunner(client, new SkillRunnerOptions { MaxRepairAttempts = 0 }), Input, TestContext.Current.CancellationToken))
            {
                texts += update.Kind == SkillRunUpdateKind.TextDelta ? 1 : 0;
            }
        });

        Assert.True(texts > 1);
        Assert.Equal(PrReviewAnswers.Invalid, error.RawOutput);
    }

    [Fact]
    public async Task Invalid_input_fails_the_stream_before_any_model_call()
    {
        var client = new ScriptedChatClient();
        await Assert.ThrowsAsync<SkillInputException>(async () =>
        {
            await foreach (var _ in PrReviewSkill.RunStreamingAsync(new SkillRunner(client), new PrReviewInput(null!), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task Cancelling_the_stream_stops_the_model_call_at_once()
    {
        var client = new ScriptedChatClient { Hang = true };
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var stream = ReadAllAsync(PrReviewSkill.RunStreamingAsync(new SkillRunner(client), Input, cancellation.Token));

        // Cancelled once the model call is waiting: the hanging client ends only when its token is cancelled.
        await client.Called.WaitAsync(TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);

        Assert.True(client.LastToken.IsCancellationRequested);
    }

    private static async Task ReadAllAsync<T>(IAsyncEnumerable<T> stream)
    {
        await foreach (var _ in stream)
        {
        }
    }

    [Fact]
    public async Task Leaving_the_stream_early_cancels_the_run()
    {
        // The model is still writing when the loop is left (its stream is held, never released), so there is a run to cancel.
        var client = new ScriptedChatClient { HoldStreamAfterFirstUpdate = new TaskCompletionSource().Task }.Answer(PrReviewAnswers.Valid);
        await foreach (var update in PrReviewSkill.RunStreamingAsync(new SkillRunner(client), Input, TestContext.Current.CancellationToken))
        {
            Assert.Equal(SkillRunUpdateKind.TextDelta, update.Kind);
            break;
        }

        Assert.True(client.LastToken.IsCancellationRequested);
    }
}
