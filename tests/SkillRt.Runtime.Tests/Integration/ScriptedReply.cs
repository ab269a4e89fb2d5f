using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// What <see cref="OpenAIChatServer"/> answers to one chat-completions request. Replies are queued with
/// <see cref="OpenAIChatServer.Enqueue"/> and used in order, one per request.
/// </summary>
public abstract class ScriptedReply
{
    private protected ScriptedReply()
    {
    }

    /// <summary>
    /// A JSON <c>chat.completion</c> whose one choice holds <paramref name="content"/>.
    /// </summary>
    /// <param name="content">The assistant message's text.</param>
    /// <param name="model">The model id the response names; <see langword="null"/> echoes the request's model.</param>
    /// <param name="finishReason"><c>stop</c>, <c>length</c>, <c>content_filter</c> or <c>tool_calls</c>.</param>
    /// <param name="promptTokens">usage.prompt_tokens.</param>
    /// <param name="completionTokens">usage.completion_tokens (total_tokens is the sum).</param>
    public static ScriptedReply Completion(string content, string? model = null, string finishReason = "stop", int promptTokens = 10, int completionTokens = 5) =>
        new CompletionReply(content, model, finishReason, promptTokens, completionTokens);

    /// <summary>
    /// The same completion streamed as server-sent events: a first chunk with the role, <paramref name="content"/>
    /// split into <paramref name="chunks"/> pieces each written and flushed on its own, a chunk with the finish reason,
    /// a chunk with empty choices and the usage (unless <paramref name="includeUsage"/> is false), then <c>[DONE]</c>.
    /// </summary>
    /// <param name="content">The text the chunks add up to.</param>
    /// <param name="chunks">How many content chunks to split it into (fewer when the text is shorter).</param>
    /// <param name="model">The model id the chunks name; <see langword="null"/> echoes the request's model.</param>
    /// <param name="finishReason">The finish reason of the last choice chunk.</param>
    /// <param name="promptTokens">usage.prompt_tokens.</param>
    /// <param name="completionTokens">usage.completion_tokens.</param>
    /// <param name="includeUsage">
    /// Whether to send the usage chunk. It is sent whether or not the request set <c>stream_options.include_usage</c>;
    /// when the request did, every other chunk also carries <c>"usage": null</c>, as OpenAI's do.
    /// </param>
    /// <param name="chunkDelay">A pause after each content chunk (default none), e.g. to cancel mid-stream.</param>
    public static ScriptedReply Stream(
        string content,
        int chunks = 3,
        string? model = null,
        string finishReason = "stop",
        int promptTokens = 10,
        int completionTokens = 5,
        bool includeUsage = true,
        TimeSpan chunkDelay = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        return new StreamReply(Split(content, chunks), model, finishReason, promptTokens, completionTokens, includeUsage, chunkDelay);
    }

    /// <summary>Like <see cref="Stream"/>, with the content chunks given one by one.</summary>
    public static ScriptedReply StreamChunks(
        IEnumerable<string> chunks,
        string? model = null,
        string finishReason = "stop",
        int promptTokens = 10,
        int completionTokens = 5,
        bool includeUsage = true,
        TimeSpan chunkDelay = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new StreamReply(chunks.ToArray(), model, finishReason, promptTokens, completionTokens, includeUsage, chunkDelay);
    }

    /// <summary>
    /// An error status with an OpenAI-style body <c>{"error":{"message","type","param","code"}}</c>.
    /// Note the OpenAI client retries 408, 429, 500, 502, 503 and 504 on its own (three times by default).
    /// </summary>
    public static ScriptedReply Error(int statusCode, string message, string type, string? code = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new ErrorReply(statusCode, message, type, code, headers ?? new Dictionary<string, string>());

    /// <summary>
    /// 429 Too Many Requests with <c>retry-after-ms</c>, <c>Retry-After: 0</c> and the <c>x-ratelimit-*</c> headers OpenAI sends.
    /// </summary>
    public static ScriptedReply RateLimited(string message = "Rate limit reached for requests. Please try again shortly.", int retryAfterMilliseconds = 10) =>
        Error(
            StatusCodes.Status429TooManyRequests,
            message,
            "requests",
            "rate_limit_exceeded",
            new Dictionary<string, string>
            {
                ["retry-after-ms"] = retryAfterMilliseconds.ToString(CultureInfo.InvariantCulture),
                ["Retry-After"] = (retryAfterMilliseconds / 1000).ToString(CultureInfo.InvariantCulture),
                ["x-ratelimit-limit-requests"] = "60",
                ["x-ratelimit-remaining-requests"] = "0",
                ["x-ratelimit-reset-requests"] = retryAfterMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
            });

    /// <summary>400 Bad Request, <c>invalid_request_error</c> (not retried by the client).</summary>
    public static ScriptedReply BadRequest(string message, string? code = null) =>
        Error(StatusCodes.Status400BadRequest, message, "invalid_request_error", code);

    /// <summary>500 Internal Server Error, <c>server_error</c> (retried by the client).</summary>
    public static ScriptedReply ServerError(string message = "The server had an error while processing your request. Sorry about that!") =>
        Error(StatusCodes.Status500InternalServerError, message, "server_error");

    /// <summary>
    /// Waits <paramref name="delay"/> before answering with <paramref name="then"/> (by default an empty completion).
    /// The wait ends as soon as the client aborts the request; the server then marks the request
    /// <see cref="RecordedRequest.WasAborted"/> and completes <see cref="OpenAIChatServer.AbortObserved"/>.
    /// </summary>
    public static ScriptedReply Slow(TimeSpan delay, ScriptedReply? then = null) =>
        new SlowReply(delay, then ?? Completion(""));

    /// <summary>
    /// Accepts the request and never answers: the server waits until the client gives up (or the server
    /// stops), the way a stuck model server does. The abort is recorded as for <see cref="Slow"/>.
    /// </summary>
    /// <param name="received">Completed with the request when it arrives, so a test can act while the server hangs.</param>
    public static ScriptedReply Hang(TaskCompletionSource<RecordedRequest>? received = null) => new HangReply(received);

    /// <summary>Drops the connection without an answer, the way a crashing server or proxy does.</summary>
    public static ScriptedReply Drop() => new DropReply();

    /// <summary>
    /// A streamed answer that never ends: the role chunk, then <paramref name="chunk"/> as content again
    /// and again, each flushed, until the client stops reading (which the server records as an abort).
    /// </summary>
    public static ScriptedReply EndlessStream(string chunk) => new EndlessStreamReply(chunk);

    /// <summary>Any status, content type and body, for shapes the other helpers do not make.</summary>
    public static ScriptedReply Raw(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new RawReply(statusCode, contentType, body, headers ?? new Dictionary<string, string>());

    /// <summary>A JSON <c>chat.completion</c> whose assistant message asks for the given tool calls.</summary>
    /// <param name="calls">The calls: an id, the function's name and its arguments as JSON text.</param>
    public static ScriptedReply ToolCalls(params ScriptedToolCall[] calls) => new ToolCallsReply(calls);

    /// <summary>A streamed reply that asks for tool calls, finishing with <c>tool_calls</c>, then the usage.</summary>
    public static ScriptedReply StreamToolCalls(params ScriptedToolCall[] calls) => new StreamToolCallsReply(calls);

    internal abstract Task WriteAsync(ReplyContext context);

    private static string[] Split(string content, int chunks)
    {
        // Split on text elements so no chunk ends inside a surrogate pair or a combining sequence.
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(content);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        if (elements.Count == 0)
        {
            return [""];
        }

        var count = Math.Min(chunks, elements.Count);
        var result = new string[count];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var end = (int)((long)elements.Count * (i + 1) / count);
            result[i] = string.Concat(elements.Skip(start).Take(end - start));
            start = end;
        }

        return result;
    }

    private static async Task WriteJsonAsync(ReplyContext context, int statusCode, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = context.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.Cancellation);
    }

    private static async Task<bool> RejectStreamMismatchAsync(ReplyContext context, bool streaming)
    {
        if (context.Request.Stream == streaming)
        {
            return false;
        }

        var message = streaming
            ? $"The test scripted a streamed reply but request {context.Request.Number} did not ask for a stream."
            : $"The test scripted a JSON reply but request {context.Request.Number} asked for a stream; script ScriptedReply.Stream.";
        await WriteJsonAsync(context, StatusCodes.Status400BadRequest, ChatCompletionJson.Error(message, "test_script_mismatch", null));
        return true;
    }

    private sealed class ToolCallsReply(IReadOnlyList<ScriptedToolCall> calls) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            if (await RejectStreamMismatchAsync(context, streaming: false))
            {
                return;
            }

            var body = ChatCompletionJson.ToolCalls(context.Id, context.Created, context.Model, calls, promptTokens: 10, completionTokens: 5);
            await WriteJsonAsync(context, StatusCodes.Status200OK, body);
        }
    }

    private sealed class CompletionReply(string content, string? model, string finishReason, int promptTokens, int completionTokens) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            if (await RejectStreamMismatchAsync(context, streaming: false))
            {
                return;
            }

            var body = ChatCompletionJson.Completion(context.Id, context.Created, model ?? context.Model, content, finishReason, promptTokens, completionTokens);
            await WriteJsonAsync(context, StatusCodes.Status200OK, body);
        }
    }

    private sealed class StreamReply(
        IReadOnlyList<string> chunks,
        string? model,
        string finishReason,
        int promptTokens,
        int completionTokens,
        bool includeUsage,
        TimeSpan chunkDelay) : ScriptedReply
    {
        private static readonly byte[] DataPrefix = Encoding.UTF8.GetBytes("data: ");
        private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");
        private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

        internal override async Task WriteAsync(ReplyContext context)
        {
            if (await RejectStreamMismatchAsync(context, streaming: true))
            {
                return;
            }

            var response = context.Http.Response;
            var cancellation = context.Cancellation;
            var id = context.Id;
            var created = context.Created;
            var modelId = model ?? context.Model;
            var usageNull = context.Request.StreamIncludeUsage == true;

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            await response.StartAsync(cancellation);

            await SendAsync(ChatCompletionJson.Chunk(id, created, modelId, role: true, content: "", finishReason: null, usageNull));
            foreach (var chunk in chunks)
            {
                await SendAsync(ChatCompletionJson.Chunk(id, created, modelId, role: false, chunk, finishReason: null, usageNull));
                if (chunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(chunkDelay, cancellation);
                }
            }

            await SendAsync(ChatCompletionJson.Chunk(id, created, modelId, role: false, content: null, finishReason, usageNull));
            if (includeUsage)
            {
                await SendAsync(ChatCompletionJson.UsageChunk(id, created, modelId, promptTokens, completionTokens));
            }

            await response.Body.WriteAsync(Done, cancellation);
            await response.Body.FlushAsync(cancellation);

            async Task SendAsync(byte[] json)
            {
                await response.Body.WriteAsync(DataPrefix, cancellation);
                await response.Body.WriteAsync(json, cancellation);
                await response.Body.WriteAsync(EventEnd, cancellation);
                await response.Body.FlushAsync(cancellation);
            }
        }
    }

    private sealed class StreamToolCallsReply(IReadOnlyList<ScriptedToolCall> calls) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            if (await RejectStreamMismatchAsync(context, streaming: true))
            {
                return;
            }

            var response = context.Http.Response;
            var usageNull = context.Request.StreamIncludeUsage == true;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            await response.StartAsync(context.Cancellation);
            await SendAsync(ChatCompletionJson.ToolCallsChunk(context.Id, context.Created, context.Model, calls, usageNull));
            await SendAsync(ChatCompletionJson.Chunk(context.Id, context.Created, context.Model, role: false, content: null, "tool_calls", usageNull));
            await SendAsync(ChatCompletionJson.UsageChunk(context.Id, context.Created, context.Model, promptTokens: 10, completionTokens: 5));
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: [DONE]\n\n"), context.Cancellation);
            await response.Body.FlushAsync(context.Cancellation);

            async Task SendAsync(byte[] json)
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: "), context.Cancellation);
                await response.Body.WriteAsync(json, context.Cancellation);
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("\n\n"), context.Cancellation);
                await response.Body.FlushAsync(context.Cancellation);
            }
        }
    }

    private sealed class ErrorReply(int statusCode, string message, string type, string? code, IReadOnlyDictionary<string, string> headers) : ScriptedReply
    {
        internal override Task WriteAsync(ReplyContext context) =>
            WriteJsonAsync(context, statusCode, ChatCompletionJson.Error(message, type, code), headers);
    }

    private sealed class SlowReply(TimeSpan delay, ScriptedReply then) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            await Task.Delay(delay, context.Cancellation);
            await then.WriteAsync(context);
        }
    }

    private sealed class HangReply(TaskCompletionSource<RecordedRequest>? received) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            received?.TrySetResult(context.Request);
            await Task.Delay(Timeout.InfiniteTimeSpan, context.Cancellation);
        }
    }

    private sealed class DropReply : ScriptedReply
    {
        internal override Task WriteAsync(ReplyContext context)
        {
            context.Http.Abort();
            return Task.CompletedTask;
        }
    }

    private sealed class EndlessStreamReply(string chunk) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            if (await RejectStreamMismatchAsync(context, streaming: true))
            {
                return;
            }

            var response = context.Http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            await response.StartAsync(context.Cancellation);
            var usageNull = context.Request.StreamIncludeUsage == true;
            await SendAsync(ChatCompletionJson.Chunk(context.Id, context.Created, context.Model, role: true, content: "", finishReason: null, usageNull));
            var content = ChatCompletionJson.Chunk(context.Id, context.Created, context.Model, role: false, chunk, finishReason: null, usageNull);
            while (true)
            {
                // Ends with the client's abort, thrown from a write or from this check.
                context.Cancellation.ThrowIfCancellationRequested();
                await SendAsync(content);
            }

            async Task SendAsync(byte[] json)
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: "), context.Cancellation);
                await response.Body.WriteAsync(json, context.Cancellation);
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("\n\n"), context.Cancellation);
                await response.Body.FlushAsync(context.Cancellation);
            }
        }
    }

    private sealed class RawReply(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string> headers) : ScriptedReply
    {
        internal override async Task WriteAsync(ReplyContext context)
        {
            var response = context.Http.Response;
            response.StatusCode = statusCode;
            response.ContentType = contentType;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            await response.WriteAsync(body, context.Cancellation);
        }
    }
}

/// <summary>What a <see cref="ScriptedReply"/> needs to answer one request.</summary>
internal sealed class ReplyContext(HttpContext http, RecordedRequest request, CancellationToken cancellation)
{
    public HttpContext Http { get; } = http;

    public RecordedRequest Request { get; } = request;

    /// <summary>Ends when the client aborts the request or the server stops.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    public string Id { get; } = "chatcmpl-test" + request.Number.ToString(CultureInfo.InvariantCulture);

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The model id to answer with when the script names none: the request's.</summary>
    public string Model => Request.Model ?? "gpt-test";
}
