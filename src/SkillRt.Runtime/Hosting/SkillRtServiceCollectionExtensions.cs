using System;
using System.Net.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt;
using SkillRt.Dependencies;
using SkillRt.Execution;
using SkillRt.Hosting;
using SkillRt.Mcp;
using SkillRt.Sandboxing;
using SkillRt.Tools;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SkillRt in a service collection.</summary>
public static class SkillRtServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISkillRunner"/> (and <see cref="SkillRunner"/>) as a singleton that runs
    /// skills on the <see cref="IChatClient"/> registered in the container, with options validated
    /// when the host starts. The runner's parts are registered one by one, only where nothing is
    /// registered yet, and the container owns and disposes them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the runner's options; also bindable from configuration with <c>services.Configure&lt;SkillRunnerOptions&gt;(…)</c>.</param>
    /// <returns>SkillRt's builder, to add executors and modules to.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-mini").AsIChatClient());
    /// builder.Services.AddSkillRt(options => options.MaxRepairAttempts = 3);
    /// </code>
    /// </example>
    public static ISkillRtBuilder AddSkillRt(this IServiceCollection services, Action<SkillRunnerOptions>? configure = null) =>
        AddSkillRtCore(services, chatClientKey: null, configure);

    /// <summary>
    /// Registers <see cref="ISkillRunner"/> (and <see cref="SkillRunner"/>) as a singleton that runs
    /// skills on the keyed <see cref="IChatClient"/> registered under <paramref name="chatClientKey"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="chatClientKey">The key the chat client is registered under (<c>services.AddKeyedChatClient(key, …)</c>).</param>
    /// <param name="configure">Sets the runner's options.</param>
    /// <returns>SkillRt's builder, to add executors and modules to.</returns>
    public static ISkillRtBuilder AddSkillRt(this IServiceCollection services, object chatClientKey, Action<SkillRunnerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(chatClientKey);
        return AddSkillRtCore(services, chatClientKey, configure);
    }

    private static SkillRtBuilder AddSkillRtCore(IServiceCollection services, object? chatClientKey, Action<SkillRunnerOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SkillRunnerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkillRunnerOptions>, SkillRunnerOptionsValidator>());

        // The parts, each from the same recipe SkillRunner.Create uses (SkillRunnerParts).
        services.TryAddSingleton(provider => SkillRunnerParts.CreateMcpServers(Options(provider), provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(provider => SkillRunnerParts.CreateSandbox(Options(provider), Logger(provider)));
        services.TryAddKeyedSingleton(SkillRtServiceKeys.FetchUrlHandler, static (_, _) => SkillRunnerParts.CreateHttpHandler());
        services.TryAddSingleton(provider => new DependencyResolver(Options(provider).Skills, provider.GetRequiredService<McpClientPool>()));
        services.TryAddSingleton(provider => new SkillToolbox(
            provider.GetRequiredService<McpClientPool>(),
            provider.GetRequiredService<ProcessSandbox>(),
            provider.GetRequiredKeyedService<HttpMessageHandler>(SkillRtServiceKeys.FetchUrlHandler),
            Options(provider),
            Logger(provider),
            provider.GetServices<ISkillToolProvider>()));

        // SkillRt's executors go first, so the ones added after AddSkillRt are asked before them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkillExecutor, ModelSkillExecutor>(
            provider => new ModelSkillExecutor(ResolveChatClient(provider, chatClientKey), Options(provider), Logger(provider))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkillExecutor, ProcessSkillExecutor>(
            provider => new ProcessSkillExecutor(provider.GetRequiredService<ProcessSandbox>(), Options(provider), Logger(provider))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkillExecutor, McpToolSkillExecutor>(
            provider => new McpToolSkillExecutor(provider.GetRequiredService<McpClientPool>(), Options(provider), Logger(provider))));

        services.TryAddSingleton(provider =>
        {
            var chatClient = ResolveChatClient(provider, chatClientKey);
            var runnerOptions = Options(provider);
            // Also checked when the host starts (ValidateOnStart); this covers a container used without a host.
            SkillRunnerParts.ThrowIfInvalid(runnerOptions);
            return new SkillRunner(
                chatClient,
                runnerOptions,
                Logger(provider),
                provider.GetServices<ISkillExecutor>(),
                provider.GetRequiredService<DependencyResolver>(),
                provider.GetRequiredService<SkillToolbox>(),
                ownedParts: null);
        });
        services.TryAddSingleton<ISkillRunner>(provider => provider.GetRequiredService<SkillRunner>());
        return new SkillRtBuilder(services);
    }

    private static SkillRunnerOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<SkillRunnerOptions>>().Value;

    private static ILogger Logger(IServiceProvider provider) => SkillRunnerParts.CreateLogger(provider.GetService<ILoggerFactory>());

    private static IChatClient ResolveChatClient(IServiceProvider provider, object? key)
    {
        var client = key is null ? provider.GetService<IChatClient>() : provider.GetKeyedService<IChatClient>(key);
        return client ?? throw new InvalidOperationException(key is null
            ? "SkillRt runs skills on an IChatClient, and none is registered; register one first, for example services.AddChatClient(openAIClient.GetChatClient(\"gpt-4.1-mini\").AsIChatClient())."
            : $"SkillRt was told to use the IChatClient registered under the key '{key}', and none is; register it with services.AddKeyedChatClient(\"{key}\", …) or use the key it has.");
    }
}
