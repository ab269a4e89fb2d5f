using System.Diagnostics.CodeAnalysis;

namespace SkillRt.Execution;

/// <summary>The run an <see cref="ISkillToolProvider"/> is asked to give tools to.</summary>
/// <remarks>Public to construct so that a provider can be tested on its own.</remarks>
[Experimental(Experimentals.Tools, UrlFormat = Experimentals.ToolsUrl)]
public sealed class SkillToolContext
{
    /// <summary>What the skill is: name, instructions, schemas, dependencies, permissions and tags.</summary>
    public required SkillDescriptor Descriptor { get; init; }

    /// <summary>The skill's folder (with <c>scripts/</c>, <c>references/</c>, <c>assets/</c>), when it can be found.</summary>
    public string? SkillDirectory { get; init; }

    /// <summary>The folder processes start in and relative paths resolve against.</summary>
    public required string WorkingDirectory { get; init; }
}
