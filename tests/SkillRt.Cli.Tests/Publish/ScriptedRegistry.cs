using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Cli.Tests.Publish;

/// <summary>
/// A NuGet V3 endpoint on 127.0.0.1 that answers a push with one scripted reply and keeps what it was
/// sent. It stands in for the SkillRt registry's publish endpoint until that is on main: the replies
/// are the registry's documented ones (problem details with <c>diagnostics</c>, 401, 403, 409), so
/// these tests hold the CLI's side of that contract; the real server is tested separately.
/// </summary>
internal sealed class ScriptedRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly (int Status, string ContentType, string Body) _reply;
    private readonly TaskCompletionSource<(string? ApiKey, string? FileName, byte[] Package)> _push = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ScriptedRegistry(WebApplication app, (int Status, string ContentType, string Body) reply)
    {
        _app = app;
        _reply = reply;
    }

    /// <summary>The service index URL to pass as <c>--source</c>.</summary>
    public string ServiceIndex { get; private set; } = string.Empty;

    /// <summary>The first push: its <c>X-NuGet-ApiKey</c>, the form file's name and its bytes.</summary>
    public Task<(string? ApiKey, string? FileName, byte[] Package)> Push => _push.Task;

    public static async Task<ScriptedRegistry> StartAsync(int status, string contentType, string body, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var registry = new ScriptedRegistry(app, (status, contentType, body));
        app.Run(registry.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        registry.ServiceIndex = address + "/v3/index.json";
        return registry;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method == "GET" && request.Path == "/v3/index.json")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"version": "3.0.0", "resources": [{"@id": "/api/v2/package", "@type": "PackagePublish/2.0.0"}]}""");
            return;
        }

        if (request.Method == "PUT" && request.Path == "/api/v2/package")
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            using var copy = new MemoryStream();
            if (file is not null)
            {
                await file.CopyToAsync(copy, context.RequestAborted);
            }

            _push.TrySetResult((request.Headers["X-NuGet-ApiKey"].FirstOrDefault(), file?.FileName, copy.ToArray()));
            context.Response.StatusCode = _reply.Status;
            context.Response.ContentType = _reply.ContentType;
            await context.Response.WriteAsync(_reply.Body);
            return;
        }

        context.Response.StatusCode = 404;
    }
}
