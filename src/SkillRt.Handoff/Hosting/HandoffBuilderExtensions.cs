using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Handoff;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the handoff delegator on the SkillRt builder.</summary>
public static class HandoffBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IHandoffDelegator"/> (a singleton <see cref="HandoffDelegator"/>) that finds a
    /// model id's chat client as a keyed service: <c>services.AddKeyedChatClient("cheap", …)</c>.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddSkillRt()</c>.</param>
    /// <param name="configure">Sets prices, the default grader and the runners' settings.</param>
    /// <returns>The builder, to chain more registrations.</returns>
    /// <example>
    /// <code>
    /// services.AddKeyedChatClient("cheap", cheapClient);
    /// services.AddSkillRt().AddHandoff(o => o.Prices.Add("cheap", new ModelPrice(0.15m, 0.60m)));
    /// </code>
    /// </example>
    public static ISkillRtBuilder AddHandoff(this ISkillRtBuilder builder, Action<HandoffDelegatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<HandoffDelegatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(provider => new HandoffDelegator(
            model => provider.GetKeyedService<IChatClient>(model),
            provider.GetRequiredService<IOptions<HandoffDelegatorOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        builder.Services.TryAddSingleton<IHandoffDelegator>(provider => provider.GetRequiredService<HandoffDelegator>());
        return builder;
    }
}
