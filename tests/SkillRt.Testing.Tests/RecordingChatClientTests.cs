using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Testing.Tests;

public sealed class RecordingChatClientTests
{
    [Fact]
    public async Task File_is_written_after_each_exchange()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("calls.json");
        using var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path);

        Assert.False(File.Exists(path));

        await recorder.GetResponseAsync("one", cancellationToken: ct);
        var afterFirst = await ChatRecording.LoadAsync(path, ct);
        Assert.Equal("Answer number 1: don't panic, it's <fine>.", Assert.Single(afterFirst.Exchanges).Response.Text);

        await recorder.GetStreamingResponseAsync("two", cancellationToken: ct).ToChatResponseAsync(ct);
        var afterSecond = await ChatRecording.LoadAsync(path, ct);
        Assert.Equal(["one", "two"], afterSecond.Exchanges.Select(e => e.Request.Messages.Single().Text));
        Assert.Equal("Answer number 2: don't panic, it's <fine>.", afterSecond.Exchanges[1].Response.Text);

        // Written through a temporary file that is moved into place, never left behind.
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task File_has_the_documented_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("shape.json");
        using (var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path))
        {
            await recorder.GetResponseAsync(
                [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")],
                new ChatOptions { ModelId = "gpt-test", Temperature = 0.5f },
                ct);
        }

        var expected = """
            {
              "version": 1,
              "exchanges": [
                {
                  "request": {
                    "messages": [
                      {
                        "role": "system",
                        "text": "Be brief."
                      },
                      {
                        "role": "user",
                        "text": "Hi"
                      }
                    ],
                    "options": {
                      "modelId": "gpt-test",
                      "temperature": 0.5
                    }
                  },
                  "response": {
                    "text": "Answer number 1: don't panic, it's <fine>.",
                    "modelId": "fake-model-7",
                    "finishReason": "stop",
                    "inputTokenCount": 101,
                    "outputTokenCount": 11
                  }
                }
              ]
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), (await File.ReadAllTextAsync(path, ct)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Request_text_options_and_schema_are_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("request.json");
        using var schema = JsonDocument.Parse("""{"type":"object","required":["kind"],"properties":{"kind":{"enum":["bug","feature"]}}}""");
        var user = new ChatMessage(ChatRole.User, [new TextContent("Triage "), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new TextContent("issue 12")]);
        var options = new ChatOptions
        {
            ModelId = "gpt-test",
            Temperature = 0.2f,
            MaxOutputTokens = 300,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "triage"),
        };

        using (var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path))
        {
            await recorder.GetResponseAsync([new ChatMessage(ChatRole.System, "You triage issues."), user], options, ct);
            await recorder.GetResponseAsync("plain", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, ct);
            await recorder.GetResponseAsync("no options that matter", new ChatOptions { TopP = 0.9f }, ct);
        }

        var recording = await ChatRecording.LoadAsync(path, ct);
        var request = recording.Exchanges[0].Request;
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal(["You triage issues.", "Triage issue 12"], request.Messages.Select(m => m.Text));
        Assert.Equal("gpt-test", request.Options!.ModelId);
        Assert.Equal(0.2f, request.Options.Temperature);
        Assert.Equal(300, request.Options.MaxOutputTokens);
        Assert.Equal("json", request.Options.ResponseFormat);
        Assert.Equal("""{"type":"object","required":["kind"],"properties":{"kind":{"enum":["bug","feature"]}}}""", request.Options.JsonSchema!.Value.GetRawText().Replace(" ", "", StringComparison.Ordinal).ReplaceLineEndings(""));

        Assert.Equal("json", recording.Exchanges[1].Request.Options!.ResponseFormat);
        Assert.Null(recording.Exchanges[1].Request.Options!.JsonSchema);
        Assert.Null(recording.Exchanges[2].Request.Options);
    }

    [Fact]
    public async Task A_new_recorder_replaces_an_existing_file()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("again.json");

        using (var first = new RecordingChatClient(ScriptedChatClient.Numbered(), path))
        {
            await first.GetResponseAsync("a", cancellationToken: ct);
            await first.GetResponseAsync("b", cancellationToken: ct);
        }

        using (var second = new RecordingChatClient(ScriptedChatClient.Numbered(), path))
        {
            await second.GetResponseAsync("c", cancellationToken: ct);
        }

        Assert.Equal("c", Assert.Single((await ChatRecording.LoadAsync(path, ct)).Exchanges).Request.Messages.Single().Text);
    }

    [Fact]
    public async Task Missing_folders_are_created()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "Recordings", "triage", "issue.json");

        using var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path);
        await recorder.GetResponseAsync("x", cancellationToken: ct);

        Assert.Single((await ChatRecording.LoadAsync(path, ct)).Exchanges);
        Assert.Equal(path, recorder.Path);
    }

    [Fact]
    public async Task Failed_calls_are_not_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("failures.json");
        var fake = ScriptedChatClient.Numbered();
        using var recorder = new RecordingChatClient(fake, path);

        await recorder.GetResponseAsync("ok", cancellationToken: ct);
        fake.FailOnCall = 2;
        var whole = await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.GetResponseAsync("fails", cancellationToken: ct));
        Assert.Equal("The fake model fails call 2.", whole.Message);
        fake.FailOnCall = 3;
        var streamed = await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.GetStreamingResponseAsync("breaks", cancellationToken: ct).ToChatResponseAsync(ct));
        Assert.Equal("The fake model's stream breaks in call 3.", streamed.Message);

        Assert.Equal("ok", Assert.Single((await ChatRecording.LoadAsync(path, ct)).Exchanges).Request.Messages.Single().Text);
    }

    [Fact]
    public async Task Stream_updates_reach_the_caller_before_the_stream_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("live.json");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = ScriptedChatClient.Numbered();
        fake.HoldStreamAfterFirstUpdate = release.Task;
        using var recorder = new RecordingChatClient(fake, path);

        await using var updates = recorder.GetStreamingResponseAsync("go", cancellationToken: ct).GetAsyncEnumerator(ct);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal("Answe", updates.Current.Text);

        // The model is still holding its stream open, so nothing can have been recorded yet.
        Assert.False(File.Exists(path));
        release.SetResult();

        var rest = new List<string>();
        while (await updates.MoveNextAsync())
        {
            rest.Add(updates.Current.Text);
        }

        Assert.Equal("Answer number 1: don't panic, it's <fine>.", "Answe" + string.Concat(rest));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_caller_stopping_a_stream_early_records_what_it_received()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("early.json");
        using var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path);

        var seen = "";
        await foreach (var update in recorder.GetStreamingResponseAsync("go", cancellationToken: ct))
        {
            seen += update.Text;
            if (seen.Length >= 10)
            {
                break;
            }
        }

        var response = Assert.Single((await ChatRecording.LoadAsync(path, ct)).Exchanges).Response;
        Assert.Equal("Answer num", response.Text);
        Assert.Null(response.FinishReason);
    }

    [Fact]
    public async Task Cancelled_calls_throw_and_are_not_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("cancelled.json");
        using var recorder = new RecordingChatClient(ScriptedChatClient.Numbered(), path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recorder.GetResponseAsync("x", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recorder.GetStreamingResponseAsync("y", cancellationToken: cancelled.Token).ToChatResponseAsync(ct));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Parallel_calls_all_land_in_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("parallel.json");
        var fake = new ScriptedChatClient((messages, _) =>
            new ScriptedAnswer("reply to " + messages[0].Text, "fake", ChatFinishReason.Stop, 1, 2))
        {
            MaxDelayMilliseconds = 20,
        };
        using var recorder = new RecordingChatClient(fake, path);

        var calls = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? (Task)recorder.GetResponseAsync($"question {i}", cancellationToken: ct)
            : recorder.GetStreamingResponseAsync($"question {i}", cancellationToken: ct).ToChatResponseAsync(ct));
        await Task.WhenAll(calls);

        var exchanges = (await ChatRecording.LoadAsync(path, ct)).Exchanges;
        Assert.Equal(60, exchanges.Count);
        Assert.Equal(
            Enumerable.Range(0, 60).Select(i => $"question {i}").Order(),
            exchanges.Select(e => e.Request.Messages.Single().Text).Order());
        Assert.All(exchanges, e => Assert.Equal("reply to " + e.Request.Messages.Single().Text, e.Response.Text));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Constructor_rejects_an_empty_path()
    {
        Assert.Throws<ArgumentException>(() => new RecordingChatClient(ScriptedChatClient.Numbered(), ""));
        Assert.Throws<ArgumentNullException>(() => new RecordingChatClient(null!, "x.json"));
    }
}
