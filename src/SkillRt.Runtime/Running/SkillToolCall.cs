using System.Collections.Generic;

namespace SkillRt;

/// <summary>A tool call a model wants to make during a skill run, as shown to <see cref="SkillRunnerOptions.ApproveToolCall"/>.</summary>
public sealed class SkillToolCall
{
    /// <summary>The skill whose run makes the call.</summary>
    public required string SkillName { get; init; }

    /// <summary>The tool's name as the model sees it: <c>read_file</c>, a sibling skill's name, an MCP tool's name.</summary>
    public required string ToolName { get; init; }

    /// <summary>Where the tool comes from.</summary>
    public required SkillToolKind Kind { get; init; }

    /// <summary>The arguments the model passed, as JSON values or .NET values.</summary>
    public required IReadOnlyDictionary<string, object?> Arguments { get; init; }
}
