using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace SkillRt.Testing.Tests;

public sealed class ReplayChatClientTests
{
    [Fact]
    public async Task Responses_are_replayed_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var replay = new ReplayChatClient(Script("first", "second", "third"));

        Assert.Equal(3, replay.RemainingExchangeCount);
        Assert.Equal("first", (await replay.GetResponseAsync("anything", cancellationToken: ct)).Text);
        Assert.Equal("second", (await replay.GetStreamingResponseAsync("else", cancellationToken: ct).ToChatResponseAsync(ct)).Text);
        Assert.Equal(1, replay.RemainingExchangeCount);
        Assert.Equal("third", (await replay.GetResponseAsync("at all", cancellationToken: ct)).Text);
        Assert.Equal(0, replay.RemainingExchangeCount);
    }

    [Fact]
    public async Task An_exhausted_file_says_how_many_exchanges_it_had_and_what_to_do()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("x.json");
        await Script("a", "b", "c").SaveAsync(path, ct);
        using var replay = new ReplayChatClient(await ChatRecording.LoadAsync(path, ct));
        for (var i = 0; i < 3; i++)
        {
            await replay.GetResponseAsync("q", cancellationToken: ct);
        }

        var expected = $"The replay file '{path}' has 3 exchanges and all were used; record again with RecordingChatClient or add an exchange.";
        var whole = await Assert.ThrowsAsync<InvalidOperationException>(() => replay.GetResponseAsync("q", cancellationToken: ct));
        Assert.Equal(expected, whole.Message);
        var streamed = await Assert.ThrowsAsync<InvalidOperationException>(() => replay.GetStreamingResponseAsync("q", cancellationToken: ct).ToChatResponseAsync(ct));
        Assert.Equal(expected, streamed.Message);
        Assert.Equal(0, replay.RemainingExchangeCount);
    }

    [Fact]
    public async Task Exhausting_an_in_memory_recording_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        using var single = new ReplayChatClient(Script("only"));
        await single.GetResponseAsync("q", cancellationToken: ct);
        var one = await Assert.ThrowsAsync<InvalidOperationException>(() => single.GetResponseAsync("q", cancellationToken: ct));
        Assert.Equal("The replay recording has 1 exchange and it was used; record again with RecordingChatClient or add an exchange.", one.Message);

        using var empty = new ReplayChatClient(Script());
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => empty.GetResponseAsync("q", cancellationToken: ct));
        Assert.Equal("The replay recording has no exchanges; record again with RecordingChatClient or add an exchange.", none.Message);
    }

    [Fact]
    public async Task Matching_requests_pass_when_role_and_text_are_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        var recording = Script("answer");
        recording.Exchanges[0].Request.Messages = [Message("system", "Be brief."), Message("user", "Summarise issue 12")];
        using var replay = new ReplayChatClient(recording, new ReplayOptions { MatchRequests = true });

        // Roles compare as ChatRole does, ignoring case; options are not compared.
        var response = await replay.GetResponseAsync(
            [new ChatMessage(new ChatRole("System"), "Be brief."), new ChatMessage(ChatRole.User, [new TextContent("Summarise "), new TextContent("issue 12")])],
            new ChatOptions { Temperature = 1 },
            ct);
        Assert.Equal("answer", response.Text);
    }

    [Fact]
    public async Task A_changed_message_names_the_file_the_exchange_and_where_it_differs()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("triage.json");
        var recording = Script("first", "second");
        recording.Exchanges[1].Request.Messages = [Message("system", "Be brief."), Message("user", "Summarise issue 12 please")];
        await recording.SaveAsync(path, ct);
        using var replay = new ReplayChatClient(await ChatRecording.LoadAsync(path, ct), new ReplayOptions { MatchRequests = true });
        await replay.GetResponseAsync([], cancellationToken: ct);

        var exception = await Assert.ThrowsAsync<ReplayMismatchException>(() => replay.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Summarise issue 13 please")], cancellationToken: ct));

        Assert.Equal(path, exception.Path);
        Assert.Equal(2, exception.ExchangeNumber);
        Assert.Equal(2, exception.MessageNumber);
        Assert.Equal(
            $"Request 2 does not match exchange 2 of the replay file '{path}': message 2 (user) differs at character 18: " +
            "the recording has \"…se issue 12 please\", the request \"…se issue 13 please\". " +
            "If the prompt changed on purpose, record again with RecordingChatClient or edit the file; to replay without comparing requests, leave ReplayOptions.MatchRequests off.",
            exception.Message);
    }

    [Fact]
    public async Task Extra_missing_and_re_roled_messages_are_mismatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var recording = Script("a", "b", "c", "d");
        foreach (var exchange in recording.Exchanges)
        {
            exchange.Request.Messages = [Message("user", "hello")];
        }

        using var replay = new ReplayChatClient(recording, new ReplayOptions { MatchRequests = true });

        var extra = await Assert.ThrowsAsync<ReplayMismatchException>(() => replay.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "hello"), new ChatMessage(ChatRole.User, "and more")], cancellationToken: ct));
        Assert.Equal((1, 2), (extra.ExchangeNumber, extra.MessageNumber));
        Assert.Contains("the request has 2 messages and the recording 1; message 2 is extra: user \"and more\"", extra.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<ReplayMismatchException>(() => replay.GetResponseAsync([], cancellationToken: ct));
        Assert.Equal((2, 1), (missing.ExchangeNumber, missing.MessageNumber));
        Assert.Contains("the request has 0 messages and the recording 1; recorded message 1 is missing: user \"hello\"", missing.Message, StringComparison.Ordinal);

        var role = await Assert.ThrowsAsync<ReplayMismatchException>(() => replay.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.System, "hello")], cancellationToken: ct).ToChatResponseAsync(ct));
        Assert.Equal((3, 1), (role.ExchangeNumber, role.MessageNumber));
        Assert.Contains("message 1 has role 'system', the recording 'user'", role.Message, StringComparison.Ordinal);
        Assert.Contains("the replay recording", role.Message, StringComparison.Ordinal);

        Assert.Equal("d", (await replay.GetResponseAsync("hello", cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Requests_are_not_compared_by_default()
    {
        var ct = TestContext.Current.CancellationToken;
        var recording = Script("scripted");
        recording.Exchanges[0].Request.Messages = [Message("user", "what was recorded")];
        using var replay = new ReplayChatClient(recording);

        Assert.Equal("scripted", (await replay.GetResponseAsync("something else entirely", cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Streaming_splits_text_into_words_and_ends_with_finish_reason_and_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        var recording = Script("  Hello brave  new\nworld");
        recording.Exchanges[0].Response.ModelId = "model-a";
        recording.Exchanges[0].Response.FinishReason = "stop";
        recording.Exchanges[0].Response.InputTokenCount = 12;
        recording.Exchanges[0].Response.OutputTokenCount = 4;
        using var replay = new ReplayChatClient(recording);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in replay.GetStreamingResponseAsync("hi", cancellationToken: ct))
        {
            updates.Add(update);
        }

        Assert.Equal(["  Hello ", "brave  ", "new\n", "world", ""], updates.Select(u => u.Text));
        Assert.All(updates, u => Assert.Equal("model-a", u.ModelId));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Equal([null, null, null, null, ChatFinishReason.Stop], updates.Select(u => u.FinishReason));
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal((12L, 4L, 16L), (usage.InputTokenCount!.Value, usage.OutputTokenCount!.Value, usage.TotalTokenCount!.Value));
    }

    [Fact]
    public async Task A_response_without_text_or_usage_streams_one_closing_update()
    {
        var ct = TestContext.Current.CancellationToken;
        using var replay = new ReplayChatClient(Script(""));

        var update = Assert.Single(await replay.GetStreamingResponseAsync("hi", cancellationToken: ct).ToArrayAsync(ct));
        Assert.Empty(update.Contents);
        Assert.Null(update.FinishReason);

        using var again = new ReplayChatClient(Script(""));
        var response = await again.GetResponseAsync("hi", cancellationToken: ct);
        Assert.Equal("", response.Text);
        Assert.Null(response.Usage);
        Assert.Null(response.ModelId);
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_does_not_use_up_an_exchange()
    {
        var ct = TestContext.Current.CancellationToken;
        using var replay = new ReplayChatClient(Script("kept", "other"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replay.GetResponseAsync("q", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replay.GetStreamingResponseAsync("q", cancellationToken: cancelled.Token).ToChatResponseAsync(ct));

        Assert.Equal(2, replay.RemainingExchangeCount);
        Assert.Equal("kept", (await replay.GetResponseAsync("q", cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Cancelling_during_a_stream_stops_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var replay = new ReplayChatClient(Script("one two three four five"));
        using var cancellation = new CancellationTokenSource();

        var seen = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in replay.GetStreamingResponseAsync("q", cancellationToken: ct).WithCancellation(cancellation.Token))
            {
                seen.Add(update.Text);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["one "], seen);
    }

    [Fact]
    public async Task Parallel_calls_each_get_a_different_exchange()
    {
        var ct = TestContext.Current.CancellationToken;
        var texts = Enumerable.Range(0, 100).Select(i => $"reply {i}").ToArray();
        using var replay = new ReplayChatClient(Script(texts));

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => i % 2 == 0
            ? replay.GetResponseAsync("q", cancellationToken: ct)
            : replay.GetStreamingResponseAsync("q", cancellationToken: ct).ToChatResponseAsync(ct)));

        Assert.Equal(texts.Order(), responses.Select(r => r.Text).Order());
        Assert.Equal(0, replay.RemainingExchangeCount);
    }

    [Fact]
    public void Metadata_names_the_replay_provider_and_the_recorded_model()
    {
        var recording = Script("a", "b");
        recording.Exchanges[1].Response.ModelId = "gpt-recorded";
        using var replay = new ReplayChatClient(recording);

        var metadata = replay.GetService<ChatClientMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("skillrt-replay", metadata.ProviderName);
        Assert.Equal("gpt-recorded", metadata.DefaultModelId);
        Assert.Null(metadata.ProviderUri);
        Assert.Same(replay, replay.GetService<IChatClient>());
        Assert.Null(replay.GetService<ChatClientMetadata>("some key"));
        Assert.Null(replay.GetService<string>());
    }

    [Fact]
    public async Task Later_changes_to_the_recording_are_not_seen()
    {
        var ct = TestContext.Current.CancellationToken;
        var recording = Script("original");
        using var replay = new ReplayChatClient(recording);
        recording.Exchanges.Clear();

        Assert.Equal("original", (await replay.GetResponseAsync("q", cancellationToken: ct)).Text);
    }

    [Fact]
    public void An_invalid_recording_is_refused_when_the_client_is_made()
    {
        var recording = Script("a");
        recording.Exchanges[0].Response = null!;

        var exception = Assert.Throws<ChatRecordingException>(() => new ReplayChatClient(recording));
        Assert.Equal("The replay recording has no \"response\" in exchange 1; add one such as \"response\": { \"text\": \"...\" }.", exception.Message);
        Assert.Null(exception.Path);
    }

    private static ChatRecording Script(params string[] texts)
    {
        var recording = new ChatRecording();
        foreach (var text in texts)
        {
            recording.Exchanges.Add(new ChatExchange { Response = new RecordedChatResponse { Text = text } });
        }

        return recording;
    }

    private static RecordedChatMessage Message(string role, string text) => new() { Role = role, Text = text };
}
