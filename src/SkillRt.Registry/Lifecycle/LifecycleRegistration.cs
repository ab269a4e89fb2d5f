using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Hosting;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Lifecycle;

/// <summary>The lifecycle and audit log's part of <c>AddSkillRegistry</c> and <c>MapSkillRegistry</c>.</summary>
internal static class LifecycleRegistration
{
    /// <summary>Options, scopes (<c>registry:lifecycle</c>, <c>registry:delete</c>), the lifecycle service and the audit recorder.</summary>
    public static void AddRegistryLifecycle(this ISkillRtServerBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LifecycleOptions>().Bind(builder.Configuration.GetSection(LifecycleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>();
        builder.AddApiKeyScope(new ApiKeyScope(RegistryScopes.Lifecycle, "Deprecate, yank and restore versions of packages the account owns.", GrantedByDefault: true));
        builder.AddApiKeyScope(new ApiKeyScope(RegistryScopes.Delete, "Delete versions of packages the account owns, within the registry's deletion window (leave it out of CI keys).", GrantedByDefault: true));
        services.AddHttpContextAccessor();
        services.TryAddScoped<IRegistryAudit, RegistryAuditRecorder>();
        services.TryAddScoped<PackageLifecycle>();
    }

    /// <summary>The lifecycle routes and the administrators' audit log.</summary>
    public static void MapRegistryLifecycle(this IEndpointRouteBuilder registry)
    {
        LifecycleEndpoints.Map(registry);
        AuditEndpoints.Map(registry);
    }
}
