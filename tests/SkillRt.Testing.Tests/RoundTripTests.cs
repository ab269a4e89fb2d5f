using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Testing.Tests;

/// <summary>Record against the fake model, then replay the file: callers must not see a difference.</summary>
public sealed class RoundTripTests
{
    private static readonly ScriptedAnswer Answer =
        new("The build is green; don't merge before Friday.\nÉté ✓ 🚀", "fake-model-2025-01", ChatFinishReason.Length, 31, 9);

    [Fact]
    public async Task Recorded_response_replays_with_the_same_text_usage_model_and_finish_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("exchange.json");

        ChatResponse original;
        using (var recorder = new RecordingChatClient(new ScriptedChatClient((_, _) => Answer), path))
        {
            original = await recorder.GetResponseAsync("Is the build green?", cancellationToken: ct);
        }

        using var replay = new ReplayChatClient(await ChatRecording.LoadAsync(path, ct));
        var replayed = await replay.GetResponseAsync("Is the build green?", cancellationToken: ct);

        Assert.Equal(Answer.Text, original.Text);
        AssertSameResponse(original, replayed);
        Assert.Equal(40, replayed.Usage!.TotalTokenCount);
        Assert.Equal(ChatRole.Assistant, Assert.Single(replayed.Messages).Role);
    }

    [Fact]
    public async Task Streamed_response_replays_as_a_stream_that_combines_to_the_same_response()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("stream.json");

        var fake = new ScriptedChatClient((_, _) => Answer);
        var received = new List<ChatResponseUpdate>();
        using (var recorder = new RecordingChatClient(fake, path))
        {
            await foreach (var update in recorder.GetStreamingResponseAsync("Is the build green?", cancellationToken: ct))
            {
                received.Add(update);
            }
        }

        // Passed through untouched: the very update objects the model streamed.
        Assert.Equal(fake.StreamedUpdates, received);
        var original = received.ToChatResponse();

        using var replay = new ReplayChatClient(await ChatRecording.LoadAsync(path, ct));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in replay.GetStreamingResponseAsync("Is the build green?", cancellationToken: ct))
        {
            updates.Add(update);
        }

        // Word-sized: "The build is green; don't merge before Friday.\nÉté ✓ 🚀" is 11 words, plus the closing update.
        Assert.Equal(12, updates.Count);
        Assert.Equal("The ", updates[0].Text);
        Assert.Equal("Friday.\n", updates[7].Text);
        Assert.Equal("Été ", updates[8].Text);
        Assert.Equal("🚀", updates[10].Text);
        var last = updates[^1];
        Assert.Equal("", last.Text);
        Assert.Equal(ChatFinishReason.Length, last.FinishReason);
        Assert.Equal("fake-model-2025-01", last.ModelId);
        var usage = Assert.IsType<UsageContent>(Assert.Single(last.Contents)).Details;
        Assert.Equal(31, usage.InputTokenCount);
        Assert.Equal(9, usage.OutputTokenCount);
        Assert.All(updates.SkipLast(1), update => Assert.Null(update.FinishReason));

        AssertSameResponse(original, updates.ToChatResponse());
    }

    [Fact]
    public async Task Streamed_recording_replays_without_streaming_and_the_other_way_round()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("mixed.json");

        ChatResponse recordedByStream;
        ChatResponse recordedWhole;
        using (var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path))
        {
            recordedByStream = await recorder.GetStreamingResponseAsync("first", cancellationToken: ct).ToChatResponseAsync(ct);
            recordedWhole = await recorder.GetResponseAsync("second", cancellationToken: ct);
        }

        using var replay = new ReplayChatClient(await ChatRecording.LoadAsync(path, ct));
        AssertSameResponse(recordedByStream, await replay.GetResponseAsync("first", cancellationToken: ct));
        AssertSameResponse(recordedWhole, await replay.GetStreamingResponseAsync("second", cancellationToken: ct).ToChatResponseAsync(ct));
        Assert.Equal("Answer number 1: don't panic, it's <fine>.", recordedByStream.Text);
        Assert.Equal("Answer number 2: don't panic, it's <fine>.", recordedWhole.Text);
    }

    private static void AssertSameResponse(ChatResponse expected, ChatResponse actual)
    {
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.ModelId, actual.ModelId);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
        Assert.NotNull(expected.Usage);
        Assert.NotNull(actual.Usage);
        Assert.Equal(expected.Usage.InputTokenCount, actual.Usage.InputTokenCount);
        Assert.Equal(expected.Usage.OutputTokenCount, actual.Usage.OutputTokenCount);
        Assert.Equal(expected.Usage.TotalTokenCount, actual.Usage.TotalTokenCount);
    }
}
