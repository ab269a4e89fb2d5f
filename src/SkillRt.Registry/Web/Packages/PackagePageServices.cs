using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SkillRt.Registry.Web.Packages;

/// <summary>Registers what the skill page (<c>/packages/{id}/{version?}</c>) needs.</summary>
internal static class PackagePageServices
{
    public static IServiceCollection AddPackagePages(this IServiceCollection services)
    {
        services.TryAddSingleton<SkillMarkdownRenderer>();
        services.TryAddSingleton<VersionContentCache>();
        services.TryAddSingleton<VersionContentBuilder>();
        services.TryAddSingleton<PackagePageCache>();
        services.TryAddScoped<PackagePageLoader>();
        return services;
    }
}
