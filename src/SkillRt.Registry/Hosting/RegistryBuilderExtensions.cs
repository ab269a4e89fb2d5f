using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Lifecycle;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Protocol;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Search;
using SkillRt.Registry.Signing;
using SkillRt.Registry.Storage;
using SkillRt.Registry.TransparencyLog;
using SkillRt.Registry.Web;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Hosting;

/// <summary>Adds the registry module to a SkillRt server and maps its endpoints.</summary>
public static class RegistryBuilderExtensions
{
    // A 4,096-character query (the largest MaxQueryLength) percent-encoded as UTF-8 is at most 36 KiB.
    private const int MaxRequestLineBytes = 64 * 1024;

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
        builder.AddNamespacesAndOwnership();
        services.AddTransparencyLog(builder.Configuration);
        builder.AddRegistryLifecycle();
        builder.AddRegistrySigning();
        ModerationRegistration.AddRegistryModeration(services, builder.Configuration);
        AddReadServices(services);
        builder.AddRegistryWebPages();
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
        NamespaceEndpoints.Map(registry);
        registry.MapRegistryLifecycle();
        registry.MapRegistrySigning(pattern);
        ModerationEndpoints.Map(registry);
        MapReadEndpoints(registry, pattern);
        TransparencyLogEndpoints.Map(registry);
        return routes;
    }

    // The read path: flat container, registration, search, autocomplete, skill manifests; all anonymous.
    private static void AddReadServices(IServiceCollection services)
    {
        // Kestrel refuses request lines over 8 KiB with a bare 414 before any endpoint runs; a long
        // search query should reach the search endpoint, which answers with a problem naming the limit.
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, MaxRequestLineBytes));
        services.TryAddScoped<PackageReader>();
        services.TryAddScoped<IRegistryPackages, RegistryPackages>();
        services.TryAddSingleton<RegistryGeneration>();
        services.TryAddSingleton<DownloadLocator>();
        services.TryAddSingleton<DownloadCounter>();
        services.AddHostedService<DownloadCountWriter>();
        services.TryAddSingleton<SearchResponseCache>();
        services.TryAddSingleton<SearchPageCache>();
        services.TryAddScoped<PackageSummaries>();
        services.TryAddSingleton<SearchIndexGate>();
        services.TryAddScoped<SqlitePackageSearch>();
        services.TryAddScoped<PostgreSqlPackageSearch>();
        services.TryAddScoped<IPackageSearch>(provider =>
            provider.GetRequiredService<IOptions<SkillRtServerOptions>>().Value.Database.Provider == DatabaseProvider.PostgreSql
                ? provider.GetRequiredService<PostgreSqlPackageSearch>()
                : provider.GetRequiredService<SqlitePackageSearch>());
    }

    private static void MapReadEndpoints(RouteGroupBuilder registry, string pattern)
    {
        RegistryUrls Urls(HttpRequest request) =>
            RegistryUrls.For(request, request.HttpContext.RequestServices.GetRequiredService<IOptions<SkillRtServerOptions>>().Value, pattern);

        var flat = RegistryRoutes.FlatContainer;
        registry.MapGet(flat + "{id}/index.json", FlatContainerEndpoints.VersionsAsync);
        registry.MapMethods(flat + "{id}/{version}/{file}", [HttpMethods.Get, HttpMethods.Head], FlatContainerEndpoints.FileAsync).AddEndpointFilter(QuarantineNotice.FilterAsync);

        var registration = RegistryRoutes.Registration;
        registry.MapGet(registration + "{id}/index.json", (string id, HttpRequest request, PackageReader reader, CancellationToken ct) =>
            RegistrationEndpoints.IndexAsync(id, Urls(request), reader, ct));
        registry.MapGet(registration + "{id}/{version}.json", (string id, string version, HttpRequest request, PackageReader reader, CancellationToken ct) =>
            RegistrationEndpoints.LeafAsync(id, version, Urls(request), reader, ct)).AddEndpointFilter(QuarantineNotice.FilterAsync);

        registry.MapGet(RegistryRoutes.Search, (HttpRequest request, SearchResponseCache cache, PackageSummaries summaries, IOptions<RegistryOptions> options, CancellationToken ct) =>
            cache.GetOrAnswerAsync(request, () => SearchEndpoints.SearchAsync(request, Urls(request), summaries, options, ct)));
        registry.MapGet(RegistryRoutes.Autocomplete, SearchEndpoints.AutocompleteAsync);

        registry.MapGet(RegistryRoutes.Skills + "{id}/{version}/manifest.json", SkillManifestEndpoint.HandleAsync).AddEndpointFilter(QuarantineNotice.FilterAsync);
    }
}
