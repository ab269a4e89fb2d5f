using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillRt.Execution;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds to SkillRt registered with <c>AddSkillRt</c>.</summary>
public static class SkillRtBuilderExtensions
{
    /// <summary>
    /// Adds an executor the runner asks before SkillRt's own (model, process, MCP tool), created by
    /// the container as a singleton with its constructor's services.
    /// </summary>
    /// <typeparam name="TExecutor">The executor; it is shared by every run, so it must be thread-safe.</typeparam>
    /// <param name="builder">SkillRt's builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>Adding the same executor type twice adds it once.</remarks>
    /// <example>
    /// <code>
    /// services.AddSkillRt().AddSkillExecutor&lt;HandoffExecutor&gt;();
    /// </code>
    /// </example>
    [Experimental(SkillRt.Experimentals.Executors, UrlFormat = SkillRt.Experimentals.ExecutorsUrl)]
    public static ISkillRtBuilder AddSkillExecutor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TExecutor>(this ISkillRtBuilder builder)
        where TExecutor : class, ISkillExecutor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkillExecutor, TExecutor>());
        return builder;
    }

    /// <summary>Adds an executor instance the runner asks before SkillRt's own (model, process, MCP tool).</summary>
    /// <param name="builder">SkillRt's builder.</param>
    /// <param name="executor">The executor; it is shared by every run, so it must be thread-safe. The container does not dispose it.</param>
    /// <returns>The builder, for chaining.</returns>
    [Experimental(SkillRt.Experimentals.Executors, UrlFormat = SkillRt.Experimentals.ExecutorsUrl)]
    public static ISkillRtBuilder AddSkillExecutor(this ISkillRtBuilder builder, ISkillExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(executor);
        builder.Services.AddSingleton(executor);
        return builder;
    }

    /// <summary>
    /// Adds a tool provider that gives the model extra tools in runs on SkillRt's model executor,
    /// created by the container as a singleton with its constructor's services.
    /// </summary>
    /// <typeparam name="TProvider">The provider; it is shared by every run, so it must be thread-safe.</typeparam>
    /// <param name="builder">SkillRt's builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>
    /// Adding the same provider type twice adds it once. Providers are asked in the order they were
    /// added; their tools go behind the same limits, approval and telemetry as SkillRt's own tools.
    /// </remarks>
    /// <example>
    /// <code>
    /// services.AddSkillRt().AddSkillToolProvider&lt;MemoryToolProvider&gt;();
    /// </code>
    /// </example>
    [Experimental(SkillRt.Experimentals.Tools, UrlFormat = SkillRt.Experimentals.ToolsUrl)]
    public static ISkillRtBuilder AddSkillToolProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this ISkillRtBuilder builder)
        where TProvider : class, ISkillToolProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISkillToolProvider, TProvider>());
        return builder;
    }

    /// <summary>Adds a tool provider instance that gives the model extra tools in runs on SkillRt's model executor.</summary>
    /// <param name="builder">SkillRt's builder.</param>
    /// <param name="provider">The provider; it is shared by every run, so it must be thread-safe. The container does not dispose it.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>Each instance added is asked, even two of one type (for example two configurations of one provider).</remarks>
    [Experimental(SkillRt.Experimentals.Tools, UrlFormat = SkillRt.Experimentals.ToolsUrl)]
    public static ISkillRtBuilder AddSkillToolProvider(this ISkillRtBuilder builder, ISkillToolProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        builder.Services.AddSingleton(provider);
        return builder;
    }
}
