using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) that speaks OpenAI's chat-completions protocol.
/// Each <c>POST …/chat/completions</c> gets the next <see cref="ScriptedReply"/> the test queued, and every
/// request the server receives is kept in <see cref="Requests"/>.
/// </summary>
/// <example>
/// <code>
/// await using var server = await OpenAIChatServer.StartAsync(ct);
/// server.Enqueue(ScriptedReply.RateLimited(), ScriptedReply.Completion("{\"ok\":true}", promptTokens: 12, completionTokens: 3));
/// IChatClient client = server.CreateChatClient("gpt-4o-mini");
/// var response = await client.GetResponseAsync("Review this", cancellationToken: ct);
/// Assert.Equal(2, server.Requests.Count);
/// </code>
/// </example>
public sealed class OpenAIChatServer : IAsyncDisposable
{
    /// <summary>The API key <see cref="CreateChatClient"/> sends (the server accepts any).</summary>
    public const string ApiKey = "test-key";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Queue<ScriptedReply> _replies = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<RecordedRequest> _abortObserved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RecordedRequest> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private OpenAIChatServer(WebApplication app)
    {
        _app = app;
        BaseAddress = null!;
    }

    /// <summary>
    /// The endpoint to give the OpenAI client, <c>http://127.0.0.1:PORT/v1/</c>; the client then posts to
    /// <c>/v1/chat/completions</c>. (Any path ending in <c>/chat/completions</c> is served.)
    /// </summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>A snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>How many scripted replies no request has used yet.</summary>
    public int PendingReplies
    {
        get
        {
            lock (_gate)
            {
                return _replies.Count;
            }
        }
    }

    /// <summary>
    /// Completes with the first request the client aborted while the server was still answering it
    /// (e.g. during a <see cref="ScriptedReply.Slow"/> wait or between streamed chunks).
    /// </summary>
    public Task<RecordedRequest> AbortObserved => _abortObserved.Task;

    /// <summary>
    /// Completes with the first request once the server has read it, before it answers: the moment to
    /// cancel a caller that should be waiting on a <see cref="ScriptedReply.Slow"/> reply.
    /// </summary>
    public Task<RecordedRequest> FirstRequest => _firstRequest.Task;

    /// <summary>Starts a server on <c>127.0.0.1</c> with a port the system picks.</summary>
    public static async Task<OpenAIChatServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // The empty builder reads no appsettings files, environment variables or command line and logs
        // nothing: the server is the same whatever the machine, and tests stay quiet.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        var server = new OpenAIChatServer(app);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            server.BaseAddress = new Uri(address.TrimEnd('/') + "/v1/");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues replies; each chat-completions request takes the next one.</summary>
    public OpenAIChatServer Enqueue(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                ArgumentNullException.ThrowIfNull(reply, nameof(replies));
                _replies.Enqueue(reply);
            }
        }

        return this;
    }

    /// <summary>Queues a <see cref="ScriptedReply.Completion"/>.</summary>
    public OpenAIChatServer EnqueueCompletion(string content, string? model = null, string finishReason = "stop", int promptTokens = 10, int completionTokens = 5) =>
        Enqueue(ScriptedReply.Completion(content, model, finishReason, promptTokens, completionTokens));

    /// <summary>Queues a <see cref="ScriptedReply.Stream"/>.</summary>
    public OpenAIChatServer EnqueueStream(string content, int chunks = 3, string? model = null, string finishReason = "stop", int promptTokens = 10, int completionTokens = 5) =>
        Enqueue(ScriptedReply.Stream(content, chunks, model, finishReason, promptTokens, completionTokens));

    /// <summary>Queues a <see cref="ScriptedReply.Error"/>.</summary>
    public OpenAIChatServer EnqueueError(int statusCode, string message, string type, string? code = null) =>
        Enqueue(ScriptedReply.Error(statusCode, message, type, code));

    /// <summary>Queues a reply asking for the given tool calls.</summary>
    public OpenAIChatServer EnqueueToolCalls(params ScriptedToolCall[] calls) => Enqueue(ScriptedReply.ToolCalls(calls));

    /// <summary>Queues a reply asking for one tool call.</summary>
    public OpenAIChatServer EnqueueToolCall(string name, string arguments, string? id = null) =>
        Enqueue(ScriptedReply.ToolCalls(new ScriptedToolCall(id ?? "call_" + name.Replace('-', '_'), name, arguments)));

    /// <summary>Queues a <see cref="ScriptedReply.RateLimited"/>.</summary>
    public OpenAIChatServer EnqueueRateLimited() => Enqueue(ScriptedReply.RateLimited());

    /// <summary>Queues a <see cref="ScriptedReply.Slow"/>.</summary>
    public OpenAIChatServer EnqueueSlow(TimeSpan delay, ScriptedReply? then = null) => Enqueue(ScriptedReply.Slow(delay, then));

    /// <summary>
    /// The official OpenAI chat client, pointed at this server, as an <see cref="IChatClient"/>.
    /// </summary>
    /// <param name="model">The model the client asks for.</param>
    /// <param name="configure">Changes to the client options (e.g. a faster <c>RetryPolicy</c>).</param>
    public IChatClient CreateChatClient(string model = "gpt-test", Action<OpenAIClientOptions>? configure = null)
    {
        var options = new OpenAIClientOptions { Endpoint = BaseAddress };
        configure?.Invoke(options);
        return new ChatClient(model, new ApiKeyCredential(ApiKey), options).AsIChatClient();
    }

    /// <summary>Ends every reply still under way and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the timeout were aborted.
            }
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        string rawBody;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            rawBody = await reader.ReadToEndAsync(http.RequestAborted);
        }

        JsonElement body = default;
        var isJson = false;
        if (rawBody.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(rawBody);
                body = document.RootElement.Clone();
                isJson = true;
            }
            catch (JsonException)
            {
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var path = request.PathBase.Add(request.Path).Value ?? "";
        var isChat = HttpMethods.IsPost(request.Method) && path.EndsWith("/chat/completions", StringComparison.Ordinal);

        RecordedRequest recorded;
        ScriptedReply? reply = null;
        lock (_gate)
        {
            recorded = new RecordedRequest(_requests.Count + 1, request.Method, path, headers, rawBody, body);
            _requests.Add(recorded);
            if (isChat && isJson)
            {
                _replies.TryDequeue(out reply);
            }
        }

        _firstRequest.TrySetResult(recorded);

        if (!isChat)
        {
            await WriteErrorAsync(http, StatusCodes.Status404NotFound, $"The test server serves only POST …/chat/completions, not {request.Method} {path} (request {recorded.Number}).", "invalid_request_error");
            return;
        }

        if (!isJson)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, $"Request {recorded.Number} has no JSON body.", "invalid_request_error");
            return;
        }

        if (reply is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, $"The test scripted no reply for request {recorded.Number} ({request.Method} {path}).", "server_error");
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        try
        {
            await reply.WriteAsync(new ReplyContext(http, recorded, cancellation.Token));
        }
        catch (Exception exception) when ((exception is OperationCanceledException or IOException) && cancellation.IsCancellationRequested)
        {
            // The client went away, or the server is stopping; only the first counts as an abort.
            if (http.RequestAborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                recorded.MarkAborted();
                _abortObserved.TrySetResult(recorded);
            }
        }
    }

    private static Task WriteErrorAsync(HttpContext http, int statusCode, string message, string type)
    {
        var body = ChatCompletionJson.Error(message, type, null);
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }
}
