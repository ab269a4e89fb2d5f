using System.Collections.Generic;

namespace SkillRt;

/// <summary>How a skill is executed and what it needs from the runtime.</summary>
public sealed class SkillRuntime
{
    /// <summary>The runtime of a skill that declares none: a markdown skill.</summary>
    public static SkillRuntime Default { get; } = new();

    /// <summary>The runtime type.</summary>
    public SkillRuntimeType Type { get; init; }

    /// <summary>The lowest SkillRt version that can run the skill, or <see langword="null"/>.</summary>
    public SemanticVersion? MinVersion { get; init; }

    /// <summary>For <see cref="SkillRuntimeType.Process"/>: the command and its arguments.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>For <see cref="SkillRuntimeType.McpTool"/>: the MCP server's name.</summary>
    public string? Server { get; init; }

    /// <summary>For <see cref="SkillRuntimeType.McpTool"/>: the tool's name on that server.</summary>
    public string? Tool { get; init; }

    /// <summary>
    /// For <see cref="SkillRuntimeType.Process"/>: whether standard output longer than the host's
    /// limit is cut at the limit and accepted (with a warning) instead of failing the run.
    /// </summary>
    public bool AllowTruncatedOutput { get; init; }

    /// <summary>For skills a model runs: the model, temperature and output limit the skill suggests.</summary>
    public SkillModelHints Model { get; init; } = SkillModelHints.None;
}
