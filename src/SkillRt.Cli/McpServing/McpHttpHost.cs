using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// <c>skillrt mcp serve --http</c>: MCP Streamable HTTP on <c>http://127.0.0.1:PORT/mcp</c>, in process.
/// The CLI does not link ASP.NET Core (its host would then need that runtime for every command), so the
/// HTTP side is the BCL's <see cref="HttpListener"/> and the MCP side the SDK's own
/// <see cref="StreamableHttpServerTransport"/>, one per session: POST carries client messages (answers
/// and progress stream back as server-sent events), GET opens the stream of unsolicited messages
/// (list_changed after a reload), DELETE ends a session. Sessions start with <c>initialize</c>; a client
/// on the session-less 2026-07-28 revision is refused with the error that makes SDK clients fall back
/// to it. Every request must carry the key (<see cref="McpHttpKey"/>) or is answered 401, and requests past
/// the limits (<see cref="McpHttpRateLimits"/>, <see cref="MaxSessions"/>) are answered 429.
/// </summary>
internal sealed class McpHttpHost : IAsyncDisposable
{
    /// <summary>The endpoint's path.</summary>
    public const string EndpointPath = "/mcp";

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType = (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));
    private static readonly JsonTypeInfo<JsonRpcError> ErrorType = (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));
    private static readonly JsonTypeInfo<UnsupportedProtocolVersionErrorData> VersionErrorType =
        (JsonTypeInfo<UnsupportedProtocolVersionErrorData>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(UnsupportedProtocolVersionErrorData));

    private const string SessionIdHeader = "Mcp-Session-Id";

    /// <summary>The largest request body accepted (1 MiB): far above any tool call's arguments.</summary>
    internal const int MaxRequestBytes = 1024 * 1024;
    /// <summary>
    /// The most sessions open at once: each holds a server and its streams, and an agent needs one or two.
    /// A client past it is told to end one (DELETE) first.
    /// </summary>
    internal const int MaxSessions = 64;

    private const string ProtocolVersionHeader = "MCP-Protocol-Version";

    // Protocol revisions are dates; from this one on, Streamable HTTP has no sessions (SEP-2567, SEP-2575).
    private const string FirstSessionlessVersion = "2026-07-28";
    private static readonly string[] SessionVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    private readonly HttpListener _listener;
    private readonly SkillMcpCatalog _catalog;
    private readonly McpHttpKey _key;
    private readonly McpHttpRateLimits _limits;
    private readonly TextWriter _error;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    private McpHttpHost(HttpListener listener, SkillMcpCatalog catalog, McpHttpKey key, McpHttpRateLimits limits, TextWriter error, Uri endpoint)
    {
        _listener = listener;
        _catalog = catalog;
        _key = key;
        _limits = limits;
        _error = error;
        Endpoint = endpoint;
        Completion = AcceptAsync();
    }

    /// <summary>The MCP endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Completes when the listener stops.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Listens on 127.0.0.1 (a free port when <paramref name="port"/> is 0) and prints the endpoint and where
    /// its key is on <paramref name="output"/>; answers at most <paramref name="requestsPerMinute"/> requests
    /// with the key a minute.
    /// </summary>
    public static async Task<McpHttpHost> StartAsync(SkillMcpCatalog catalog, int port, string? keyFile, int requestsPerMinute, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var key = McpHttpKey.Open(keyFile);
        HttpListener? listener = null;

        // HttpListener cannot pick a port itself: take a free one from the system, and try again in the
        // rare case something else takes it between the two binds.
        for (var attempt = 0; listener is null; attempt++)
        {
            var chosen = port == 0 ? FreePort() : port;
            var candidate = new HttpListener();
            candidate.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosen}/"));
            try
            {
                candidate.Start();
                listener = candidate;
                port = chosen;
            }
            catch (HttpListenerException exception) when (port == 0 && attempt < 5)
            {
                _ = exception;
                candidate.Close();
            }
            catch (HttpListenerException exception)
            {
                candidate.Close();
                key.DeleteIfTemporary();
                throw new CliException(ExitCodes.UsageError, $"cannot listen on 127.0.0.1:{port}: {exception.Message}; pick another port with --port, or 0 for a free one.");
            }
        }

        var endpoint = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{EndpointPath}"));
        await output.WriteLineAsync($"SkillRt MCP endpoint (Streamable HTTP): {endpoint}").ConfigureAwait(false);
        await output.WriteLineAsync($"Key: in {key.File}{(key.IsTemporary ? " (deleted when the server stops)" : string.Empty)}; clients send it as 'Authorization: Bearer <key>'.").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new McpHttpHost(listener, catalog, key, new McpHttpRateLimits(requestsPerMinute), error, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        foreach (var id in _sessions.Keys.ToList())
        {
            if (_sessions.TryRemove(id, out var session))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under the accept loop.
        }

        _key.DeleteIfTemporary();
        _limits.Dispose();
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        await Task.Yield();
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException && _stopping.IsCancellationRequested)
            {
                return;
            }

            _ = HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away mid-answer.
        }
        catch (Exception exception)
        {
            await _error.WriteLineAsync($"skillrt: warning: an MCP HTTP request failed: {exception.GetType().Name}: {exception.Message}").ConfigureAwait(false);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed, or the client went away.
            }
        }
    }

    private async Task RouteAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!string.Equals(request.Url?.AbsolutePath.TrimEnd('/'), EndpointPath, StringComparison.Ordinal))
        {
            await WriteErrorAsync(response, HttpStatusCode.NotFound, $"Not Found: the MCP endpoint is {Endpoint}.").ConfigureAwait(false);
            return;
        }

        var authorized = _key.Accepts(request.Headers["Authorization"]);
        if (!_limits.TryAcquire(authorized, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            response.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            var limit = authorized
                ? $"this server answers {_limits.RequestsPerMinute} requests a minute (skillrt mcp serve --rate-limit N raises it)"
                : $"this server answers {McpHttpRateLimits.UnauthorizedRequestsPerMinute} requests without its key a minute";
            await WriteErrorAsync(response, HttpStatusCode.TooManyRequests, $"Too Many Requests: {limit}; try again in {seconds} s.").ConfigureAwait(false);
            return;
        }

        if (!authorized)
        {
            response.AddHeader("WWW-Authenticate", "Bearer");
            await WriteErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized: send the server's key as 'Authorization: Bearer <key>' (skillrt mcp serve --http printed where it is).").ConfigureAwait(false);
            return;
        }

        // A page in a browser may reach 127.0.0.1 too (DNS rebinding); it can only come from elsewhere.
        if (request.Headers["Origin"] is { Length: > 0 } origin && !IsLocalOrigin(origin))
        {
            await WriteErrorAsync(response, HttpStatusCode.Forbidden, $"Forbidden: requests from the origin '{origin}' are not served.").ConfigureAwait(false);
            return;
        }

        switch (request.HttpMethod)
        {
            case "POST":
                await PostAsync(context).ConfigureAwait(false);
                break;
            case "GET":
                await GetAsync(context).ConfigureAwait(false);
                break;
            case "DELETE":
                if (request.Headers[SessionIdHeader] is { Length: > 0 } id && _sessions.TryRemove(id, out var ended))
                {
                    await ended.DisposeAsync().ConfigureAwait(false);
                }

                response.StatusCode = (int)HttpStatusCode.OK;
                break;
            default:
                response.AddHeader("Allow", "GET, POST, DELETE");
                await WriteErrorAsync(response, HttpStatusCode.MethodNotAllowed, "Method Not Allowed: the MCP endpoint takes POST, GET and DELETE.").ConfigureAwait(false);
                break;
        }
    }

    private async Task PostAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var accept = request.Headers["Accept"] ?? string.Empty;
        if (!accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || !accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(response, HttpStatusCode.NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.").ConfigureAwait(false);
            return;
        }

        // A tool call's arguments are small; the cap keeps one request from holding the process's memory.
        if (request.ContentLength64 > MaxRequestBytes)
        {
            await WriteErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, $"Content Too Large: a request may carry at most {MaxRequestBytes} bytes.").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.InputStream.ReadAsync(buffer, _stopping.Token).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxRequestBytes)
            {
                await WriteErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, $"Content Too Large: a request may carry at most {MaxRequestBytes} bytes.").ConfigureAwait(false);
                return;
            }

            body.Write(buffer, 0, read);
        }

        JsonRpcMessage? message;
        try
        {
            body.Position = 0;
            message = await JsonSerializer.DeserializeAsync(body, MessageType, _stopping.Token).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            await WriteErrorAsync(response, HttpStatusCode.BadRequest, "Bad Request: the body is not a JSON-RPC message.", (int)McpErrorCode.InvalidRequest).ConfigureAwait(false);
            return;
        }

        var requestId = message is JsonRpcRequest withId ? withId.Id : default;
        var version = request.Headers[ProtocolVersionHeader];
        if (version is { Length: > 0 })
        {
            if (string.CompareOrdinal(version, FirstSessionlessVersion) >= 0)
            {
                // Sessions carry list_changed to connected clients; that revision has none, so the
                // client is told which versions to use instead (and SDK clients fall back to initialize).
                await WriteUnsupportedVersionAsync(response, version, requestId).ConfigureAwait(false);
                return;
            }

            message.Context ??= new JsonRpcMessageContext();
            message.Context.ProtocolVersion = version;
        }

        Session? session;
        if (request.Headers[SessionIdHeader] is { Length: > 0 } sessionId)
        {
            if (!_sessions.TryGetValue(sessionId, out session))
            {
                await WriteErrorAsync(response, HttpStatusCode.NotFound, "Session not found: start a new one with initialize.", -32001, requestId).ConfigureAwait(false);
                return;
            }
        }
        else if (message is JsonRpcRequest { Method: RequestMethods.Initialize })
        {
            if (_sessions.Count >= MaxSessions)
            {
                await WriteErrorAsync(response, HttpStatusCode.TooManyRequests, $"Too Many Requests: {MaxSessions} sessions are open; end one with DELETE (its {SessionIdHeader} header) before starting another.", requestId: requestId).ConfigureAwait(false);
                return;
            }

            session = StartSession();
        }
        else
        {
            await WriteErrorAsync(response, HttpStatusCode.BadRequest, $"Bad Request: send the {SessionIdHeader} header the initialize answer gave, or start a session with initialize.", requestId: requestId).ConfigureAwait(false);
            return;
        }

        response.AddHeader(SessionIdHeader, session.Id);
        StartEventStream(response);
        var wrote = await session.Transport.HandlePostRequestAsync(message, response.OutputStream, session.Closed).ConfigureAwait(false);
        if (!wrote)
        {
            // A notification or a response: accepted, nothing to send back.
            response.ContentType = null;
            response.StatusCode = (int)HttpStatusCode.Accepted;
            response.SendChunked = false;
            response.ContentLength64 = 0;
        }
    }

    private async Task GetAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Headers[SessionIdHeader] is not { Length: > 0 } sessionId || !_sessions.TryGetValue(sessionId, out var session))
        {
            await WriteErrorAsync(response, HttpStatusCode.NotFound, "Session not found: start a new one with initialize.", -32001).ConfigureAwait(false);
            return;
        }

        if (!(request.Headers["Accept"] ?? string.Empty).Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(response, HttpStatusCode.NotAcceptable, "Not Acceptable: the client must accept text/event-stream.").ConfigureAwait(false);
            return;
        }

        response.AddHeader(SessionIdHeader, session.Id);
        StartEventStream(response);
        try
        {
            await session.Transport.HandleGetRequestAsync(response.OutputStream, session.Closed).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Closed.IsCancellationRequested)
        {
            // The session ended.
        }
    }

    private Session StartSession()
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var transport = new StreamableHttpServerTransport { SessionId = id };
        var server = McpServer.Create(transport, _catalog.CreateServerOptions());
        var session = new Session(id, transport, server, _stopping.Token);
        _sessions[id] = session;
        return session;
    }

    private static void StartEventStream(HttpListenerResponse response)
    {
        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "text/event-stream";
        response.AddHeader("Cache-Control", "no-cache,no-store");
        response.SendChunked = true;
    }

    private static bool IsLocalOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    private static Task WriteErrorAsync(HttpListenerResponse response, HttpStatusCode status, string message, int code = -32000, RequestId requestId = default) =>
        WriteAsync(response, status, new JsonRpcError { Id = requestId, Error = new JsonRpcErrorDetail { Code = code, Message = message } });

    private static Task WriteUnsupportedVersionAsync(HttpListenerResponse response, string requested, RequestId requestId) =>
        WriteAsync(response, HttpStatusCode.BadRequest, new JsonRpcError
        {
            Id = requestId,
            Error = new JsonRpcErrorDetail
            {
                Code = (int)McpErrorCode.UnsupportedProtocolVersion,
                Message = $"Bad Request: protocol version '{requested}' has no sessions, which this server keeps to tell clients when skills change; use the initialize handshake with one of the supported versions.",
                Data = JsonSerializer.SerializeToNode(
                    new UnsupportedProtocolVersionErrorData { Supported = SessionVersions, Requested = requested },
                    VersionErrorType),
            },
        });

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, JsonRpcError error)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, ErrorType);
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>One client's session: its transport, its server running over it, and the token that ends both.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly CancellationTokenSource _closed;
        private readonly Task _running;

        public Session(string id, StreamableHttpServerTransport transport, McpServer server, CancellationToken stopping)
        {
            Id = id;
            Transport = transport;
            Server = server;
            _closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _running = server.RunAsync(_closed.Token);
        }

        public string Id { get; }

        public StreamableHttpServerTransport Transport { get; }

        public McpServer Server { get; }

        public CancellationToken Closed => _closed.Token;

        public async ValueTask DisposeAsync()
        {
            await _closed.CancelAsync().ConfigureAwait(false);
            await Transport.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ended by the cancellation above.
            }

            // Cancels the calls still running in this session.
            await Server.DisposeAsync().ConfigureAwait(false);
            _closed.Dispose();
        }
    }
}
