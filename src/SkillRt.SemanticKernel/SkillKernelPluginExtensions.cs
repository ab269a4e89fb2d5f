using System;
using Microsoft.Extensions.DependencyInjection;
using SkillRt;
using SkillRt.SemanticKernel;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Adds skills to a kernel as a plugin: <c>kernel.Plugins.AddFromSkills(skills, runner)</c>, or on a
/// kernel builder <c>builder.Plugins.AddFromSkills(skills)</c> with the runner from dependency injection
/// (<c>services.AddSkillRt()</c>). See <see cref="SkillKernelPluginFactory"/> for what each function is.
/// </summary>
public static class SkillKernelPluginExtensions
{
    /// <summary>Adds a plugin whose functions are the skills of <paramref name="skills"/>.</summary>
    /// <param name="plugins">The kernel's plugins.</param>
    /// <param name="skills">The skills; see <see cref="SkillCollection.LoadAsync"/>.</param>
    /// <param name="runner">Runs a skill when its function is called.</param>
    /// <param name="pluginName">The plugin's name: ASCII letters, digits and underscores.</param>
    /// <param name="description">What the plugin offers.</param>
    /// <returns>The plugin added.</returns>
    /// <exception cref="InvalidOperationException">Some skill cannot be a function of the plugin; the message names each file and why.</exception>
    public static KernelPlugin AddFromSkills(this KernelPluginCollection plugins, SkillCollection skills, ISkillRunner runner, string pluginName = SkillKernelPluginFactory.DefaultPluginName, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var plugin = SkillKernelPluginFactory.CreateFromSkills(skills, runner, pluginName, description);
        plugins.Add(plugin);
        return plugin;
    }

    /// <summary>
    /// Adds a plugin whose functions are the skills of <paramref name="skills"/>, run by the
    /// <see cref="ISkillRunner"/> the kernel's services provide (<c>services.AddSkillRt()</c>). The plugin is
    /// made when the kernel is built, so a problem with a skill surfaces then.
    /// </summary>
    /// <param name="plugins">The kernel builder's plugins.</param>
    /// <param name="skills">The skills; see <see cref="SkillCollection.LoadAsync"/>.</param>
    /// <param name="pluginName">The plugin's name: ASCII letters, digits and underscores.</param>
    /// <param name="description">What the plugin offers.</param>
    /// <returns>The builder's plugins, for chaining.</returns>
    public static IKernelBuilderPlugins AddFromSkills(this IKernelBuilderPlugins plugins, SkillCollection skills, string pluginName = SkillKernelPluginFactory.DefaultPluginName, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(skills);
        plugins.Services.AddSingleton(services => SkillKernelPluginFactory.CreateFromSkills(skills, services.GetRequiredService<ISkillRunner>(), pluginName, description));
        return plugins;
    }
}
