namespace SkillRt.Tools;

/// <summary>Why a tool call was refused: the values of the <c>skillrt.tool.denial_reason</c> attribute.</summary>
internal static class ToolDenialReason
{
    /// <summary>A path outside <c>permissions.filesystem</c>, or outside the skill's own folders.</summary>
    public const string Filesystem = "filesystem";

    /// <summary>A host outside <c>permissions.network</c>.</summary>
    public const string Network = "network";

    /// <summary>A CLI tool or script the skill does not declare.</summary>
    public const string Tool = "tool";

    /// <summary>The host's approval callback said no.</summary>
    public const string Approval = "approval";

    /// <summary>The run's limit on tool calls, or on nested skills, was reached.</summary>
    public const string Limit = "limit";
}
