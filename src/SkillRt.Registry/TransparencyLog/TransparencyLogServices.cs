using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>The log's services: options, the signing key (loaded at start), the appender the publish path calls, the reader.</summary>
internal static class TransparencyLogServices
{
    public static void AddTransparencyLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransparencyLogOptions>().Bind(configuration.GetSection(TransparencyLogOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransparencyLogOptions>, TransparencyLogOptionsValidator>();
        services.TryAddSingleton<LogSigningKey>();
        services.AddHostedService<LogSigningKeyLoader>();
        services.TryAddScoped<TransparencyLogAppender>();
        services.TryAddScoped<TransparencyLogReader>();
    }
}
