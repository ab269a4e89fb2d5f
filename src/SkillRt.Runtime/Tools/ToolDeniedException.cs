using System;

namespace SkillRt.Tools;

/// <summary>
/// A tool call the skill's permissions (or the host) do not allow. Tools throw it; the gate around
/// every tool turns it into a refusal the model reads, a log entry and a count by reason.
/// </summary>
internal sealed class ToolDeniedException(string reason, string message) : Exception(message)
{
    /// <summary>Why, as a short stable word for metrics: <c>filesystem</c>, <c>network</c>, <c>tool</c>, <c>approval</c>, <c>limit</c>.</summary>
    public string Reason { get; } = reason;
}
