using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Memory.Hosting;
using SkillRt.Memory.Kinds;
using SkillRt.Memory.Sqlite;

namespace SkillRt.Memory;

/// <summary>Registers SkillRt memory in a service collection.</summary>
public static class SkillMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISkillMemory"/> over the embedded SQLite store and <see cref="IMemoryKindRegistry"/>.
    /// Near duplicates and semantic search use the <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>
    /// registered in the container, if any, and lexical similarity otherwise.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options; they are validated when the memory is first resolved.</param>
    /// <returns>A builder to add kinds and options.</returns>
    public static SkillMemoryBuilder AddSkillMemory(this IServiceCollection services, Action<SkillMemoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SkillMemoryOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkillMemoryOptions>, SkillMemoryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MemoryKindRegistry>(provider =>
        {
            var registry = new MemoryKindRegistry();
            foreach (var kind in provider.GetRequiredService<IOptions<MemoryKindSeed>>().Value.Kinds)
            {
                registry.Register(kind);
            }

            return registry;
        });
        services.TryAddSingleton<IMemoryKindRegistry>(provider => provider.GetRequiredService<MemoryKindRegistry>());
        services.TryAddSingleton<ISkillMemory>(provider => new SqliteMemoryStore(
            provider.GetRequiredService<IOptions<SkillMemoryOptions>>().Value,
            provider.GetRequiredService<MemoryKindRegistry>(),
            provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            provider.GetRequiredService<TimeProvider>()));
        return new SkillMemoryBuilder(services);
    }
}
