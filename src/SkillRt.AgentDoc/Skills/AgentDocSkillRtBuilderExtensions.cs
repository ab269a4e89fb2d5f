using System;
using System.Diagnostics.CodeAnalysis;
using SkillRt;
using SkillRt.AgentDoc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets skills that declare <c>dependencies.agent-docs</c> query those docs while they run.</summary>
public static class AgentDocSkillRtBuilderExtensions
{
    /// <summary>
    /// Offers each run of a skill that declares <c>dependencies.agent-docs</c> the doc-query tools
    /// (<see cref="AgentDocTools"/>) over <paramref name="catalog"/>, limited to the highest version of each
    /// declared doc that its range accepts. A declared doc the catalog lacks fails the run before the model is
    /// called, with a <see cref="SkillDependencyException"/>; skills without agent-docs get no doc tools.
    /// </summary>
    /// <param name="builder">SkillRt's builder.</param>
    /// <param name="catalog">The agent-docs skills may read; shared by every run, so it must be thread-safe.</param>
    /// <param name="options">Answer sizes; the defaults when null.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <example>
    /// <code>
    /// services.AddSkillRt().AddAgentDocs(new AgentDocCatalog([AgentDocReader.Load("resend.agent-doc.yaml").Document!]));
    /// </code>
    /// </example>
    [Experimental(SkillRt.Experimentals.Tools, UrlFormat = SkillRt.Experimentals.ToolsUrl)]
    public static ISkillRtBuilder AddAgentDocs(this ISkillRtBuilder builder, IAgentDocCatalog catalog, AgentDocToolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new AgentDocToolOptions();
        options.Validate();
        return builder.AddSkillToolProvider(new AgentDocToolProvider(catalog, options));
    }
}
