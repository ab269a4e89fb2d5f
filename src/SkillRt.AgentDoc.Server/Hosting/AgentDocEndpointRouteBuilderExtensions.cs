using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Server.AgentDocs;
using SkillRt.Server.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the agent-doc module's endpoint.</summary>
public static class AgentDocEndpointRouteBuilderExtensions
{
    /// <summary>The default path of the MCP endpoint.</summary>
    public const string DefaultPattern = "/mcp/agent-docs";

    /// <summary>
    /// Maps the agent-doc MCP endpoint (Streamable HTTP) at <paramref name="pattern"/>. Anonymous: published
    /// agent-docs are public, like the registry's read path; requests are rate-limited by the server's budgets
    /// (anonymous by client address, keyed by key) and bodies limited by Kestrel's request size, as every endpoint.
    /// </summary>
    public static IEndpointConventionBuilder MapAgentDocs(this IEndpointRouteBuilder routes, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ServerEndpointRouteBuilderExtensions.EnsureAdded(routes.ServiceProvider, "MapAgentDocs");
        if (routes.ServiceProvider.GetService<AgentDocsMarker>() is null)
        {
            throw new InvalidOperationException("MapAgentDocs needs the agent-doc module's services: call .AddAgentDocs() on the result of AddSkillRtServer (after .AddSkillRegistry()).");
        }

        // Agent-docs are published through the registry and read through its public interface.
        if (routes.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(SkillRt.Registry.Reading.IRegistryPackages)))
        {
            throw new InvalidOperationException("MapAgentDocs needs the registry: call .AddSkillRegistry() on the result of AddSkillRtServer, with .AddAgentDocs().");
        }

        return routes.MapMcp(pattern).LimitRequestSize().WithTags("AgentDocs");
    }
}
