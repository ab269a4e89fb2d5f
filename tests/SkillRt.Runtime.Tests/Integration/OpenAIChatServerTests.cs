using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// Proves <see cref="OpenAIChatServer"/> against the official OpenAI client, reached through
/// <see cref="IChatClient"/> from Microsoft.Extensions.AI.OpenAI.
/// </summary>
public sealed class OpenAIChatServerTests
{
    /// <summary>How long a slow reply or a streamed chunk is held: only a cancellation ends it within a test.</summary>
    private static readonly TimeSpan Held = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the server may take to see an abort: seconds normally (the client drains for up to 2 s),
    /// far less than <see cref="Held"/>, so a reply that ran to its end is still told apart from an abort.
    /// </summary>
    private static readonly TimeSpan AbortSeen = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Plain_completion_is_read_by_the_client_and_the_request_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion("Looks good to me.", model: "gpt-4o-mini-2024-07-18", finishReason: "length", promptTokens: 21, completionTokens: 7);
        var client = server.CreateChatClient("gpt-4o-mini");

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You review pull requests."), new ChatMessage(ChatRole.User, "Review PR 42.")],
            new ChatOptions { Temperature = 0.25f, MaxOutputTokens = 256 },
            ct);

        Assert.Equal("Looks good to me.", response.Text);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("chatcmpl-test1", response.ResponseId);
        Assert.NotNull(response.Usage);
        Assert.Equal(21, response.Usage.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(28, response.Usage.TotalTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.Equal(1, request.Number);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + OpenAIChatServer.ApiKey, request.Headers["Authorization"]);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(
            [("system", "You review pull requests."), ("user", "Review PR 42.")],
            request.Messages.Select(m => (m.Role, m.Text)).ToArray());
        Assert.Equal(0.25, request.Temperature);
        Assert.Equal(256, request.MaxTokens);
        Assert.Equal("max_completion_tokens", request.MaxTokensField);
        Assert.False(request.Stream);
        Assert.Null(request.ResponseFormat);
        Assert.False(request.WasAborted);
        Assert.Equal(0, server.PendingReplies);
    }

    [Fact]
    public async Task Streamed_completion_arrives_in_several_updates_with_usage_last()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Stream("The patch is fine; merge it.", chunks: 4, promptTokens: 30, completionTokens: 6));
        var client = server.CreateChatClient("gpt-4o");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Review PR 7.", cancellationToken: ct))
        {
            updates.Add(update);
        }

        var textUpdates = updates.Where(u => u.Text.Length > 0).Select(u => u.Text).ToArray();
        Assert.Equal(4, textUpdates.Length);
        Assert.Equal("The patch is fine; merge it.", string.Concat(textUpdates));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.All(updates, u => Assert.Equal("gpt-4o", u.ModelId));

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(30, usage.Details.InputTokenCount);
        Assert.Equal(6, usage.Details.OutputTokenCount);
        Assert.Equal(36, usage.Details.TotalTokenCount);

        var response = updates.ToChatResponse();
        Assert.Equal("The patch is fine; merge it.", response.Text);
        Assert.Equal(36, response.Usage?.TotalTokenCount);

        var request = Assert.Single(server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.StreamIncludeUsage);
        Assert.Equal("user", Assert.Single(request.Messages).Role);
        Assert.Equal("Review PR 7.", request.Messages[0].Text);
    }

    [Fact]
    public async Task Json_schema_response_format_reaches_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        using var schemaDocument = JsonDocument.Parse("""
            {
              "type": "object",
              "properties": {
                "verdict": { "type": "string", "enum": ["approve", "request_changes"] },
                "comments": { "type": "array", "items": { "type": "string" } }
              },
              "required": ["verdict", "comments"],
              "additionalProperties": false
            }
            """);
        var schema = schemaDocument.RootElement;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueCompletion("""{"verdict":"approve","comments":[]}""");
        var client = server.CreateChatClient();

        var response = await client.GetResponseAsync(
            "Review PR 9.",
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "pr_review", "A pull-request review.") },
            ct);

        using (var answer = JsonDocument.Parse(response.Text))
        {
            Assert.Equal("approve", answer.RootElement.GetProperty("verdict").GetString());
        }

        var format = Assert.Single(server.Requests).ResponseFormat;
        Assert.NotNull(format);
        Assert.Equal("json_schema", format.Type);
        Assert.Equal("pr_review", format.SchemaName);
        Assert.NotNull(format.Schema);
        Assert.True(JsonElement.DeepEquals(schema, format.Schema.Value), $"The server received the schema {format.Schema}.");
    }

    [Fact]
    public async Task Rate_limited_request_is_retried_by_the_client_and_gets_the_next_reply()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.RateLimited(retryAfterMilliseconds: 10), ScriptedReply.Completion("After the retry."));
        var client = server.CreateChatClient();

        var response = await client.GetResponseAsync("Review PR 3.", cancellationToken: ct);

        Assert.Equal("After the retry.", response.Text);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].RawBody, requests[1].RawBody);
        Assert.Equal(0, server.PendingReplies);
    }

    [Fact]
    public async Task Bad_request_surfaces_as_a_client_error_without_a_retry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.BadRequest("Invalid schema for response_format 'pr_review'.", "invalid_json_schema"));
        var client = server.CreateChatClient();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Review PR 4.", cancellationToken: ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("Invalid schema for response_format 'pr_review'.", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Request_without_a_scripted_reply_fails_with_a_message_naming_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        var client = server.CreateChatClient(configure: options => options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Review PR 5.", cancellationToken: ct));

        Assert.Equal(500, error.Status);
        Assert.Contains("The test scripted no reply for request 1", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Slow_reply_is_cancelled_by_the_caller_and_the_server_sees_the_abort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueSlow(Held);
        var client = server.CreateChatClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Cancelled once the server holds the request: had the cancellation not reached the call, the reply would come after all.
        var call = client.GetResponseAsync("Review PR 6.", cancellationToken: cancellation.Token);
        await server.FirstRequest.WaitAsync(ct);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var aborted = await server.AbortObserved.WaitAsync(AbortSeen, ct);
        Assert.Equal(1, aborted.Number);
        Assert.True(aborted.WasAborted);
        Assert.True(Assert.Single(server.Requests).WasAborted);
    }

    [Fact]
    public async Task Stream_cancelled_between_chunks_is_seen_as_an_abort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.Enqueue(ScriptedReply.Stream("first second third", chunks: 3, chunkDelay: Held));
        var client = server.CreateChatClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var received = "";
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Review PR 8.", cancellationToken: cancellation.Token))
            {
                received += update.Text;
                if (received.Length > 0)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal("first ", received);

        // The client's socket handler first drains an unfinished response for up to 2 s before it
        // closes the connection, so the server sees this abort later than the caller's exception.
        var aborted = await server.AbortObserved.WaitAsync(AbortSeen, ct);
        Assert.True(aborted.Stream);
        Assert.True(aborted.WasAborted);
    }
}
