using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt;
using SkillRt.Execution;
using SkillRt.Handoff;
using SkillRt.Handoff.Tools;

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

    /// <summary>
    /// Offers parent skills a <c>delegate</c> tool (HANDOFF-SPEC section 8): the model calls it with an
    /// envelope and reads the result. Call after <see cref="AddHandoff"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddSkillRt()</c>.</param>
    /// <param name="options">The model and the retry and escalation policy every delegation from the tool uses; the parent's grants are its skill's permissions.</param>
    /// <param name="offerTo">Which skills are offered the tool; every skill when <see langword="null"/>.</param>
    /// <returns>The builder, to chain more registrations.</returns>
    /// <example>
    /// <code>
    /// services.AddSkillRt().AddHandoff().AddDelegateTool(new DelegateOptions { Model = "cheap" }, skill => skill.Tags.Contains("planner"));
    /// </code>
    /// </example>
    [Experimental(Experimentals.Tools, UrlFormat = Experimentals.ToolsUrl)]
    public static ISkillRtBuilder AddDelegateTool(this ISkillRtBuilder builder, DelegateOptions options, Func<SkillDescriptor, bool>? offerTo = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton<ISkillToolProvider>(provider => new DelegateToolProvider(
            provider.GetService<IHandoffDelegator>() ?? throw new InvalidOperationException("The delegate tool runs handoffs through IHandoffDelegator, and none is registered; call AddHandoff() before AddDelegateTool()."),
            options,
            offerTo));
        return builder;
    }
}
