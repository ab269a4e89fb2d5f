using System;
using System.Diagnostics.CodeAnalysis;
using SkillRt;
using SkillRt.Memory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets skills that declare <c>memory</c> read and write it while they run.</summary>
public static class MemorySkillRtBuilderExtensions
{
    /// <summary>
    /// Offers each run of a skill that declares <c>memory</c> the memory tools over the registered
    /// <see cref="ISkillMemory"/> (<c>services.AddSkillMemory()</c>), limited to the namespaces and kinds the
    /// skill declares; an access outside them is refused and shown to the model as a tool error. The kinds a
    /// skill defines are registered before its model runs, and its writes carry its name and version.
    /// Skills that declare no memory get no memory tools.
    /// </summary>
    /// <param name="builder">SkillRt's builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <example>
    /// <code>
    /// services.AddSkillMemory(o => o.DatabasePath = "memory.db");
    /// services.AddSkillRt().AddMemoryTools();
    /// </code>
    /// </example>
    [Experimental(SkillRt.Experimentals.Tools, UrlFormat = SkillRt.Experimentals.ToolsUrl)]
    public static ISkillRtBuilder AddMemoryTools(this ISkillRtBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSkillToolProvider<MemoryToolProvider>();
    }
}
