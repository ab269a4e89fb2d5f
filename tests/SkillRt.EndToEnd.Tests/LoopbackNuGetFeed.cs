using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// A NuGet V3 push endpoint on 127.0.0.1, as nuget.org and Azure Artifacts speak it: a service index
/// naming a PackagePublish/2.0.0 resource, and PUT of a multipart .nupkg with the X-NuGet-ApiKey
/// header. It answers 201 for a new package, 409 for one it has, and 401 for a wrong key.
/// </summary>
internal sealed class LoopbackNuGetFeed : IAsyncDisposable
{
    public const string ApiKey = "key-7f3a-do-not-echo";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public LoopbackNuGetFeed()
    {
        BaseAddress = LoopbackPorts.StartHttpListener(_listener);
        _serving = Task.Run(ServeAsync);
    }

    public string BaseAddress { get; }

    public string ServiceIndex => BaseAddress + "v3/index.json";

    /// <summary>The bodies of accepted pushes, by the order they arrived.</summary>
    public ConcurrentQueue<byte[]> Accepted { get; } = new();

    public ConcurrentQueue<string?> KeysSeen { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/v3/index.json")
        {
            var index = $$"""{"version":"3.0.0","resources":[{"@id":"{{BaseAddress}}api/v2/package","@type":"PackagePublish/2.0.0"}]}""";
            await WriteAsync(response, 200, index, "application/json");
            return;
        }

        if (request.HttpMethod == "PUT" && request.Url!.AbsolutePath.TrimEnd('/') == "/api/v2/package")
        {
            var key = request.Headers["X-NuGet-ApiKey"];
            KeysSeen.Enqueue(key);
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            if (key != ApiKey)
            {
                await WriteAsync(response, 401, "The API key is invalid.", "text/plain");
            }
            else if (!Accepted.IsEmpty)
            {
                await WriteAsync(response, 409, "A package with this ID and version already exists.", "text/plain");
            }
            else
            {
                Accepted.Enqueue(body.ToArray());
                await WriteAsync(response, 201, string.Empty, "text/plain");
            }

            return;
        }

        await WriteAsync(response, 404, "Not found.", "text/plain");
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
