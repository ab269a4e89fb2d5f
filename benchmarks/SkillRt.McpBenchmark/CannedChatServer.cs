using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.McpBenchmark;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint on 127.0.0.1 that answers every request with the same
/// completion (as JSON, or as server-sent chunks when the request streams), so each path under test pays
/// the same model round trip and the difference between them is the path.
/// </summary>
internal sealed class CannedChatServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _completion;
    private readonly byte[] _stream;
    private readonly Task _accepting;

    public CannedChatServer(string content)
    {
        var port = FreePort();
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1/"));
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        var quoted = System.Text.Json.JsonSerializer.Serialize(content);
        _completion = Encoding.UTF8.GetBytes(
            $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":{{{quoted}}}},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""");
        _stream = Encoding.UTF8.GetBytes(
            $$$"""
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{"role":"assistant","content":{{{quoted}}}},"finish_reason":null}]}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}

            data: [DONE]


            """.ReplaceLineEndings("\n"));
        _accepting = AcceptAsync();
    }

    /// <summary>The base URL clients use (<c>OPENAI_BASE_URL</c>).</summary>
    public Uri BaseUrl { get; }

    public void Dispose()
    {
        _listener.Close();
        _ = _accepting.Exception;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var streaming = body.Contains("\"stream\":true", StringComparison.Ordinal);
            var answer = streaming ? _stream : _completion;
            context.Response.StatusCode = 200;
            context.Response.ContentType = streaming ? "text/event-stream" : "application/json";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
