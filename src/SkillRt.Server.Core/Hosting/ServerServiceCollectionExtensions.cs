using System;
using System.IO;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Server.Identity;
using SkillRt.Server.Web;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>Registers the SkillRt server's shared services; modules chain their own <c>Add…</c> onto the result.</summary>
public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the identity model (accounts, owners, scoped API keys and their authentication), the
    /// storage chosen by the <c>SkillRt</c> configuration section (validated at start-up), start-up
    /// migrations, the first administrator and health checks.
    /// </summary>
    public static ISkillRtServerBuilder AddSkillRtServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = new SkillRtServerBuilder(services, configuration);
        if (services.Contains(ServiceDescriptor.Singleton<SkillRtServerMarker, SkillRtServerMarker>()))
        {
            return builder;
        }

        services.AddSingleton<SkillRtServerMarker>();
        services.AddOptions<SkillRtServerOptions>().Bind(configuration.GetSection(SkillRtServerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkillRtServerOptions>, SkillRtServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IBlobStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SkillRtServerOptions>>().Value;
            return options.Blobs.Provider == BlobStoreProvider.S3
                ? new S3BlobStore(options.Blobs.S3)
                : new FileBlobStore(options.Blobs.Path ?? Path.Combine(options.ResolvedDataDirectory, "blobs"));
        });

        builder.AddServerDbContext<IdentityDbContext, SqliteIdentityDbContext, PostgreSqlIdentityDbContext>(IdentityDbContext.ModuleName);
        services.TryAddScoped<IdentityService>();
        services.TryAddScoped<IOwnerDirectory>(provider => provider.GetRequiredService<IdentityService>());
        services.TryAddSingleton<ApiKeyScopeCatalog>();
        builder.AddApiKeyScope(new ApiKeyScope(ApiKeyScopes.KeysManage, "Create, list and revoke the account's own keys; create organisations."));
        builder.AddApiKeyScope(new ApiKeyScope(ApiKeyScopes.Admin, "Manage accounts; implies every scope (administrator accounts only)."));

        // API keys are the default scheme: endpoints never read the web session cookie (AddServerWeb adds it for pages).
        services.AddAuthenticationCore(options =>
        {
            options.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
        });
        services.AddOptions<AuthenticationSchemeOptions>(ApiKeyAuthenticationHandler.SchemeName);
        services.AddWebEncoders();
        services.AddAuthorization();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        services.TryAddSingleton<ServerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RateLimiterOptions>, ServerRateLimiting>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies>());
        services.TryAddSingleton<ServerReadiness>();
        services.TryAddSingleton<DatabaseMigrator>();
        services.AddHostedService<ServerStartup>();
        builder.AddServerWeb();
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("ready", tags: [ServerEndpointRouteBuilderExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Registers a scope that API keys can be given; modules call it for each of theirs.</summary>
    public static ISkillRtServerBuilder AddApiKeyScope(this ISkillRtServerBuilder builder, ApiKeyScope scope)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scope);
        builder.Services.AddSingleton(scope);
        return builder;
    }
}
