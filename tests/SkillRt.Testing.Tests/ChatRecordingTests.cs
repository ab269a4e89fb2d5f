using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace SkillRt.Testing.Tests;

/// <summary>Reading and writing replay files, and the errors a broken file gives.</summary>
public sealed class ChatRecordingTests
{
    [Fact]
    public async Task A_hand_written_script_with_comments_and_trailing_commas_loads_and_replays()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("script.json", """
            {
              // Written by hand: no requests, since MatchRequests is off.
              "version": 1,
              "exchanges": [
                { "response": { "text": "{\"kind\": \"bug\", \"next_step\": \"Ask for logs\"}", "finishReason": "stop" } },
                { "response": { "text": "Second." } },
              ],
            }
            """);

        var recording = await ChatRecording.LoadAsync(path, ct);
        Assert.Equal(1, recording.Version);
        Assert.Equal(2, recording.Exchanges.Count);
        Assert.Empty(recording.Exchanges[0].Request.Messages);

        using var replay = new ReplayChatClient(recording);
        var first = await replay.GetResponseAsync("Triage issue 12", cancellationToken: ct);
        Assert.Equal("""{"kind": "bug", "next_step": "Ask for logs"}""", first.Text);
        Assert.Equal("stop", first.FinishReason?.Value);
        Assert.Equal("Second.", (await replay.GetResponseAsync("next", cancellationToken: ct)).Text);
    }

    [Fact]
    public async Task Malformed_json_names_the_file_and_the_line()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("broken.json", """
            {
              "version": 1,
              "exchanges": [
                { "response": { "text": "a" } }
                { "response": { "text": "b" } }
              ]
            }
            """);

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(path, exception.Path);
        Assert.Equal(5, exception.LineNumber);
        Assert.Equal(5, exception.ColumnNumber);
        Assert.StartsWith($"The replay file '{path}' is not a valid recording at line 5, column 5", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the file by hand (the SkillRt.Testing README shows the format) or record it again with RecordingChatClient.", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber:", exception.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(exception.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task A_misspelt_property_is_reported_at_its_line()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("typo.json", """
            {
              "version": 1,
              "exchanges": [
                {
                  "response": {
                    "txt": "a"
                  }
                }
              ]
            }
            """);

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(6, exception.LineNumber);
        Assert.Contains($"'{path}' is not a valid recording at line 6", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'txt'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(in $.exchanges[0].response.txt)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_is_reported_at_its_line()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("type.json", "{\n  \"version\": \"one\",\n  \"exchanges\": []\n}\n");

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(2, exception.LineNumber);
        Assert.Contains("(in $.version)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_version_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("future.json", """{ "version": 2, "exchanges": [] }""");

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(path, exception.Path);
        Assert.Null(exception.LineNumber);
        Assert.Equal(
            $"The replay file '{path}' has \"version\": 2, which this SkillRt.Testing does not read; it reads version 1. Use the SkillRt.Testing version that wrote the file, or record it again with RecordingChatClient.",
            exception.Message);
    }

    [Fact]
    public async Task A_missing_version_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("unversioned.json", """{ "exchanges": [] }""");

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(path, exception.Path);
        Assert.Contains("'version'", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith($"The replay file '{path}' is not a valid recording at line 1", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": 1, "exchanges": [ { "request": { "messages": [] }, "response": null } ] }""", "has no \"response\" in exchange 1;")]
    [InlineData("""{ "version": 1, "exchanges": [ { "request": { "messages": [] } } ] }""", "is not a valid recording at line 1, column 65 (in $.exchanges[0]): JSON deserialization for type 'SkillRt.Testing.ChatExchange' was missing required properties including: 'response'.")]
    [InlineData("""{ "version": 1, "exchanges": [ { "response": { "text": "a" } }, null ] }""", "has null as exchange 2;")]
    [InlineData("""{ "version": 1, "exchanges": null }""", "has no list of \"exchanges\";")]
    [InlineData("""{ "version": 1, "exchanges": [ { "response": { "text": null } } ] }""", "has a null \"text\" in the response of exchange 1;")]
    [InlineData("""{ "version": 1, "exchanges": [ { "request": { "messages": [ { "text": "hi" } ] }, "response": { } } ] }""", "has no \"role\" in message 1 of the request of exchange 1;")]
    [InlineData("""{ "version": 1, "exchanges": [ { "request": { "messages": null }, "response": { } } ] }""", "has no list of \"messages\" in the request of exchange 1;")]
    [InlineData("null", "holds 'null' instead of a recording;")]
    public async Task Missing_values_are_named(string json, string problem)
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.Write("incomplete.json", json);

        var exception = await Assert.ThrowsAsync<ChatRecordingException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(path, exception.Path);
        Assert.StartsWith($"The replay file '{path}' {problem}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_says_how_to_make_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "nowhere", "missing.json");

        var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => ChatRecording.LoadAsync(path, ct));

        Assert.Equal(path, exception.FileName);
        Assert.Equal(
            $"The replay file '{path}' does not exist. Record it first by running the test against a real model through RecordingChatClient, or write it by hand (see the SkillRt.Testing README).",
            exception.Message);
    }

    [Fact]
    public async Task Loading_honours_cancellation()
    {
        using var folder = new TempFolder();
        var path = folder.Write("any.json", """{ "version": 1, "exchanges": [] }""");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChatRecording.LoadAsync(path, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ChatRecording().SaveAsync(folder.File("new.json"), cancelled.Token));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Save_and_load_keep_every_value_and_write_readable_text()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("all.json");
        using var schema = JsonDocument.Parse("""{"type":"string","maxLength":3}""");
        var recording = new ChatRecording
        {
            Exchanges =
            [
                new ChatExchange
                {
                    Request = new RecordedChatRequest
                    {
                        Messages = [new RecordedChatMessage { Role = "user", Text = "Don't say \"<b>\" — café 🚀\nok" }],
                        Options = new RecordedChatOptions { ModelId = "m", Temperature = 0.1f, MaxOutputTokens = 7, ResponseFormat = RecordedChatOptions.JsonFormat, JsonSchema = schema.RootElement.Clone() },
                    },
                    Response = new RecordedChatResponse { Text = "abc", ModelId = "m-2", FinishReason = "length", InputTokenCount = 5_000_000_000, OutputTokenCount = 3 },
                },
            ],
        };

        await recording.SaveAsync(path, ct);
        var text = await File.ReadAllTextAsync(path, ct);
        var loaded = await ChatRecording.LoadAsync(path, ct);

        // Apostrophes, markup and accents stay as written; System.Text.Json still escapes characters beyond the BMP.
        Assert.Contains("\"text\": \"Don't say \\\"<b>\\\" — café \\uD83D\\uDE80\\nok\"", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        var exchange = Assert.Single(loaded.Exchanges);
        Assert.Equal("Don't say \"<b>\" — café 🚀\nok", exchange.Request.Messages.Single().Text);
        var options = exchange.Request.Options!;
        Assert.Equal(("m", 0.1f, 7, "json"), (options.ModelId, options.Temperature!.Value, options.MaxOutputTokens!.Value, options.ResponseFormat));
        Assert.Equal(3, options.JsonSchema!.Value.GetProperty("maxLength").GetInt32());
        Assert.Equal(("abc", "m-2", "length", 5_000_000_000L, 3L), (exchange.Response.Text, exchange.Response.ModelId, exchange.Response.FinishReason, exchange.Response.InputTokenCount!.Value, exchange.Response.OutputTokenCount!.Value));
    }
}
