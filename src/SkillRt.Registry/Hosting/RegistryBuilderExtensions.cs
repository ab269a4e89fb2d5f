using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Protocol;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Storage;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Hosting;

/// <summary>Adds the registry module to a SkillRt server and maps its endpoints.</summary>
public static class RegistryBuilderExtensions
{
    /// <summary>Adds the registry's services, tables and scopes (<c>registry:publish</c>, <c>registry:unlist</c>).</summary>
    public static ISkillRtServerBuilder AddSkillRegistry(this ISkillRtServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Contains(ServiceDescriptor.Singleton<RegistryMarker, RegistryMarker>()))
        {
            return builder;
        }

        services.AddSingleton<RegistryMarker>();
        services.AddOptions<RegistryOptions>().Bind(builder.Configuration.GetSection(RegistryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>();
        builder.AddServerDbContext<RegistryDbContext, SqliteRegistryDbContext, PostgreSqlRegistryDbContext>(RegistryDbContext.ModuleName);
        builder.AddApiKeyScope(new ApiKeyScope(RegistryScopes.Publish, "Publish packages, and new versions of packages the account owns.", GrantedByDefault: true));
        builder.AddApiKeyScope(new ApiKeyScope(RegistryScopes.Unlist, "Unlist and relist versions of packages the account owns.", GrantedByDefault: true));
        services.TryAddSingleton<PackageInspector>();
        services.TryAddScoped<PackagePublisher>();
        services.AddHostedService<OrphanBlobSweeper>();
        return builder;
    }

    /// <summary>
    /// Maps the registry under <paramref name="pattern"/>: the NuGet V3 service index at
    /// <c>{pattern}/v3/index.json</c> and every resource it lists.
    /// </summary>
    public static IEndpointRouteBuilder MapSkillRegistry(this IEndpointRouteBuilder routes, string pattern = "/")
    {
        ArgumentNullException.ThrowIfNull(routes);
        ServerEndpointRouteBuilderExtensions.EnsureAdded(routes.ServiceProvider, "MapSkillRegistry");
        if (routes.ServiceProvider.GetService<RegistryMarker>() is null)
        {
            throw new InvalidOperationException("MapSkillRegistry needs the registry's services: call .AddSkillRegistry() on the result of AddSkillRtServer.");
        }

        var registry = routes.MapGroup(pattern).WithTags("Registry");
        registry.MapGet(RegistryRoutes.ServiceIndex, (HttpRequest request, IOptions<SkillRtServerOptions> server) =>
            ServiceIndexEndpoint.Handle(request, server, pattern));
        PublishEndpoints.Map(registry, pattern);
        return routes;
    }
}
