using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using SkillRt.Registry.Tests;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.AgentDoc.Server.Tests;

/// <summary>One real server (registry + agent-doc module, embedded defaults) for a test class, and the Resend agent-doc generated once.</summary>
public sealed class AgentDocServerFixture : IAsyncLifetime
{
    private static readonly string ResendOpenApi = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "resend", "resend.yaml");

    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    /// <summary>The Resend agent-doc generated from the real OpenAPI document, as agent-doc.yaml text.</summary>
    internal string ResendYaml { get; private set; } = null!;

    internal AgentDocument Resend { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var generated = await OpenApiAgentDocGenerator.GenerateAsync(ResendOpenApi, cancellationToken: TestContext.Current.CancellationToken);
        Resend = generated.Document!;
        ResendYaml = AgentDocWriter.Write(Resend);
        Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["SkillRt:RateLimits:Write:Burst"] = "10000",
            ["SkillRt:RateLimits:Write:PermitsPerMinute"] = "100000",
        });
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>An agent-doc package: the <c>SkillRtAgentDoc</c> package type and agent-doc.yaml at the root.</summary>
    internal static byte[] Package(string id, string version, string? agentDocYaml)
    {
        var builder = new SkillPackageBuilder(id, version);
        builder.PackageTypes.Clear();
        builder.PackageTypes.Add("SkillRtAgentDoc");
        if (agentDocYaml is not null)
        {
            builder.AddEntry("agent-doc.yaml", agentDocYaml);
        }

        return builder.Build();
    }

    internal async Task<HttpResponseMessage> PushAsync(byte[] package, CancellationToken cancellationToken)
    {
        using var client = Server.CreateClient();
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v2/package") { Content = new MultipartFormDataContent { { file, "package", "package.nupkg" } } };
        request.Headers.Add("X-NuGet-ApiKey", AdministratorKey);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>The SDK's McpClient on the module's Streamable HTTP endpoint, anonymous.</summary>
    internal Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(Server.BaseUrl, "mcp/agent-docs"), TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: cancellationToken);
}
