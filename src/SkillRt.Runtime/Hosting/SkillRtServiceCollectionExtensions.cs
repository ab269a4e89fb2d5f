using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt;
using SkillRt.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SkillRt in a service collection.</summary>
public static class SkillRtServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISkillRunner"/> (and <see cref="SkillRunner"/>) as a singleton that runs
    /// skills on the <see cref="IChatClient"/> registered in the container, with options validated
    /// when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the runner's options; also bindable from configuration with <c>services.Configure&lt;SkillRunnerOptions&gt;(…)</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-mini").AsIChatClient());
    /// builder.Services.AddSkillRt(options => options.MaxRepairAttempts = 3);
    /// </code>
    /// </example>
    public static IServiceCollection AddSkillRt(this IServiceCollection services, Action<SkillRunnerOptions>? configure = null) =>
        AddSkillRtCore(services, chatClientKey: null, configure);

    /// <summary>
    /// Registers <see cref="ISkillRunner"/> (and <see cref="SkillRunner"/>) as a singleton that runs
    /// skills on the keyed <see cref="IChatClient"/> registered under <paramref name="chatClientKey"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="chatClientKey">The key the chat client is registered under (<c>services.AddKeyedChatClient(key, …)</c>).</param>
    /// <param name="configure">Sets the runner's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddSkillRt(this IServiceCollection services, object chatClientKey, Action<SkillRunnerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(chatClientKey);
        return AddSkillRtCore(services, chatClientKey, configure);
    }

    private static IServiceCollection AddSkillRtCore(IServiceCollection services, object? chatClientKey, Action<SkillRunnerOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SkillRunnerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkillRunnerOptions>, SkillRunnerOptionsValidator>());
        services.TryAddSingleton(provider => new SkillRunner(
            ResolveChatClient(provider, chatClientKey),
            provider.GetRequiredService<IOptions<SkillRunnerOptions>>().Value,
            provider.GetService<ILogger<SkillRunner>>(),
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ISkillRunner>(provider => provider.GetRequiredService<SkillRunner>());
        return services;
    }

    private static IChatClient ResolveChatClient(IServiceProvider provider, object? key)
    {
        var client = key is null ? provider.GetService<IChatClient>() : provider.GetKeyedService<IChatClient>(key);
        return client ?? throw new InvalidOperationException(key is null
            ? "SkillRt runs skills on an IChatClient, and none is registered; register one first, for example services.AddChatClient(openAIClient.GetChatClient(\"gpt-4.1-mini\").AsIChatClient())."
            : $"SkillRt was told to use the IChatClient registered under the key '{key}', and none is; register it with services.AddKeyedChatClient(\"{key}\", …) or use the key it has.");
    }
}
