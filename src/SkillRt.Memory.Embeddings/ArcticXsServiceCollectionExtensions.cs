using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillRt.Memory.Embeddings;

namespace SkillRt.Memory;

/// <summary>Registers the offline Arctic XS embedding generator.</summary>
public static class ArcticXsServiceCollectionExtensions
{
    /// <summary>
    /// Registers Snowflake Arctic Embed XS (384 dimensions, in-process, no network) as the
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>, unless one is registered already.
    /// SkillRt memory then finds near duplicates and answers semantic queries by embedding similarity.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddArcticXsEmbeddings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, ArcticXsEmbeddingGenerator>();
        return services;
    }
}
