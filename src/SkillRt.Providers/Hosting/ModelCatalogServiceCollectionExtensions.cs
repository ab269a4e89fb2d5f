using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Providers;

/// <summary>Registers a catalog's models as keyed chat clients, the way a handoff finds its model by id.</summary>
public static class ModelCatalogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the catalog, and one keyed <see cref="IChatClient"/> per model (its key is the model id), created
    /// on first use and disposed with the container. The unkeyed <see cref="IChatClient"/> is the catalog's
    /// default model, when it names one and none is registered yet.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="catalog">The catalog, from <see cref="ModelCatalog.LoadAsync"/>.</param>
    /// <param name="options">Retry and timeout settings; the defaults when <see langword="null"/>.</param>
    public static IServiceCollection AddModelCatalog(this IServiceCollection services, ModelCatalog catalog, ModelClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        services.AddSingleton(catalog);
        foreach (var model in catalog.Models)
        {
            var id = model.Id;
            services.AddKeyedSingleton<IChatClient>(id, (_, _) => catalog.CreateChatClient(id, options));
        }

        if (catalog.DefaultId is { } defaultId)
        {
            services.TryAddDefaultChatClient(defaultId);
        }

        return services;
    }

    private static void TryAddDefaultChatClient(this IServiceCollection services, string id)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IChatClient) && !descriptor.IsKeyedService)
            {
                return;
            }
        }

        services.AddSingleton(provider => provider.GetRequiredKeyedService<IChatClient>(id));
    }
}
