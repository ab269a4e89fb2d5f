using System;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Memory;

/// <summary>Configures the memory registered by <see cref="SkillMemoryServiceCollectionExtensions.AddSkillMemory"/>.</summary>
public sealed class SkillMemoryBuilder
{
    internal SkillMemoryBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services the memory is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a kind at start-up (see <see cref="IMemoryKindRegistry.Register"/>).</summary>
    /// <param name="name">The kind's name (like a skill name).</param>
    /// <param name="schema">Its values' JSON Schema, as JSON text.</param>
    /// <param name="description">What memories of this kind hold.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="MemoryException">MEM0011 when the memory is first resolved: the name or schema is malformed or conflicts.</exception>
    public SkillMemoryBuilder AddKind(string name, string schema, string? description = null)
    {
        var kind = new MemoryKind(name, schema, description);
        Services.Configure<MemoryKindSeed>(seed => seed.Kinds.Add(kind));
        return this;
    }

    /// <summary>Changes options.</summary>
    /// <param name="configure">Sets options.</param>
    /// <returns>This builder.</returns>
    public SkillMemoryBuilder Configure(Action<SkillMemoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
