using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Ownership;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Namespaces;

/// <summary>Registers namespaces and ownership: options, the DNS lookup, the services, the audit recorder they use and the <c>registry:owners</c> scope.</summary>
internal static class NamespaceServiceCollectionExtensions
{
    public static void AddNamespacesAndOwnership(this ISkillRtServerBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NamespaceOptions>().Bind(builder.Configuration.GetSection(NamespaceOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NamespaceOptions>, NamespaceOptionsValidator>();
        builder.AddApiKeyScope(new ApiKeyScope(RegistryScopes.Owners, "Manage packages' owners (invite, accept, remove, transfer) and reserve or verify ID prefixes.", GrantedByDefault: true));
        // Both services record their changes in the audit log; registered here too so this module does not depend on the lifecycle's registration.
        services.AddHttpContextAccessor();
        services.TryAddScoped<IRegistryAudit, RegistryAuditRecorder>();
        services.TryAddSingleton<DnsTxtLookup>();
        services.TryAddScoped<PackageOwners>();
        services.TryAddScoped<NamespaceGate>();
        services.TryAddScoped<NamespaceService>();
        services.TryAddScoped<OwnershipService>();
    }
}
