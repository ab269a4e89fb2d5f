using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Moderation;

/// <summary>The moderation part of <c>AddSkillRegistry</c>: options, the screening at publish, the service behind the API.</summary>
internal static class ModerationRegistration
{
    public static void AddRegistryModeration(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>();
        services.TryAddSingleton<PopularPackageNames>();
        services.TryAddSingleton<ScannerWarmup>();
        services.AddHostedService(provider => provider.GetRequiredService<ScannerWarmup>());
        services.TryAddScoped<PublishScreening>();
        services.TryAddScoped<ModerationService>();
    }
}
