using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>How a module gets its own tables in the server's database.</summary>
public static class ServerBuilderStorageExtensions
{
    /// <summary>
    /// Registers a module's database context: <typeparamref name="TContext"/> is what its code asks
    /// for; <typeparamref name="TSqlite"/> and <typeparamref name="TPostgreSql"/> are the same model
    /// with each engine's migrations. The configured engine's migrations run when the server starts,
    /// before it accepts requests; the module's migration history is <c>__{moduleName}_migrations</c>.
    /// </summary>
    /// <param name="builder">The server builder.</param>
    /// <param name="moduleName">The module's name in lowercase (<c>registry</c>); its tables should start with it.</param>
    public static ISkillRtServerBuilder AddServerDbContext<TContext, TSqlite, TPostgreSql>(this ISkillRtServerBuilder builder, string moduleName)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ServerDbContextRegistration) && d.ImplementationInstance is ServerDbContextRegistration r && r.ContextType == typeof(TContext)))
        {
            return builder;
        }

        // The options are built once (they depend only on the configuration), not for every request's context.
        services.AddDbContext<TSqlite>((provider, options) => ServerDatabase.Configure(options, provider.GetRequiredService<IOptions<SkillRtServerOptions>>(), moduleName), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<TPostgreSql>((provider, options) => ServerDatabase.Configure(options, provider.GetRequiredService<IOptions<SkillRtServerOptions>>(), moduleName), optionsLifetime: ServiceLifetime.Singleton);
        services.TryAddScoped<TContext>(provider =>
            provider.GetRequiredService<IOptions<SkillRtServerOptions>>().Value.Database.Provider == DatabaseProvider.PostgreSql
                ? provider.GetRequiredService<TPostgreSql>()
                : provider.GetRequiredService<TSqlite>());
        services.AddSingleton(new ServerDbContextRegistration(typeof(TContext), moduleName));
        return builder;
    }
}
