using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SkillRt.AgentDoc;
using SkillRt.Registry.Publishing;
using SkillRt.Server.AgentDocs;
using SkillRt.Server.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the agent-doc module to a SkillRt server.</summary>
public static class AgentDocServerBuilderExtensions
{
    private static readonly string[] ToolNames = [AgentDocTools.ResolveLibrary, AgentDocTools.SearchOperations, AgentDocTools.GetOperation, AgentDocTools.GetWorkflow, AgentDocTools.GetSchema];

    /// <summary>
    /// Adds the agent-doc module: the registry accepts packages of type <see cref="AgentDocPackages.PackageType"/>
    /// (validated at push), and an MCP server (Streamable HTTP, stateless) answers doc queries over them; map it
    /// with <c>MapAgentDocs()</c>. Needs the registry (<c>AddSkillRegistry()</c>). Settings: <c>SkillRt:AgentDocs</c>.
    /// </summary>
    public static ISkillRtServerBuilder AddAgentDocs(this ISkillRtServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Contains(ServiceDescriptor.Singleton<AgentDocsMarker, AgentDocsMarker>()))
        {
            return builder;
        }

        services.AddSingleton<AgentDocsMarker>();
        services.AddOptions<AgentDocServerOptions>().Bind(builder.Configuration.GetSection(AgentDocServerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentDocServerOptions>, AgentDocServerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegistryPackageKind, AgentDocPackageKind>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RegistryAgentDocCatalog>();
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<AgentDocServerOptions>>().Value;
            return new AgentDocToolSet(AgentDocTools.Create(
                provider.GetRequiredService<RegistryAgentDocCatalog>(),
                new AgentDocToolOptions { DefaultMaxTokens = settings.DefaultMaxTokens, MaxTokensCap = settings.MaxTokensCap }));
        });

        // Stateless Streamable HTTP: every request stands alone, so any replica answers any call.
        services.AddMcpServer(mcp =>
        {
            mcp.ServerInfo = new ModelContextProtocol.Protocol.Implementation { Name = AgentDocMcpServer.Name, Version = typeof(AgentDocMcpServer).Assembly.GetName().Version?.ToString() ?? "0.0.0" };
            mcp.ServerInstructions = AgentDocMcpServer.Instructions;
        }).WithHttpTransport(http => http.Stateless = true);
        foreach (var name in ToolNames)
        {
            services.AddSingleton<McpServerTool>(provider => new MeasuredTool(provider.GetRequiredService<AgentDocToolSet>().Get(name)));
        }

        return builder;
    }
}
