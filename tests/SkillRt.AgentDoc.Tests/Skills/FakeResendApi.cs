using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;

namespace SkillRt.AgentDoc.Tests.Skills;

/// <summary>
/// Resend's send-email endpoint on <c>127.0.0.1</c>, as far as a test needs it: a bearer key is required and
/// the request must validate against the operation's input schema from the agent-doc (header and body,
/// wrapped the way the agent-doc spreads an HTTP call); a valid one gets Resend's <c>{"id": …}</c>, an invalid
/// one a 422 listing what is wrong.
/// </summary>
internal sealed class FakeResendApi : IAsyncDisposable
{
    public const string ApiKey = "re_test_key";

    private readonly WebApplication _app;
    private readonly JsonSchema _input;

    private FakeResendApi(WebApplication app, JsonSchema input)
    {
        _app = app;
        _input = input;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The bodies of the requests it accepted, in order.</summary>
    public ConcurrentQueue<JsonNode> Accepted { get; } = new();

    public static async Task<FakeResendApi> StartAsync(AgentDocHttp http, JsonSchema input, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var app = builder.Build();
        var api = new FakeResendApi(app, input);
        app.UseRouting();
        app.MapMethods(http.Path, [http.Method], api.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        api.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization != "Bearer " + ApiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"name":"missing_api_key","message":"Missing API key in the authorization header."}""");
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        var call = new JsonObject { ["body"] = body?.DeepClone() };
        var errors = _input.Validate(call.ToJsonString());
        if (errors.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await context.Response.WriteAsync(string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            return;
        }

        Accepted.Enqueue(body!);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"id":"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
