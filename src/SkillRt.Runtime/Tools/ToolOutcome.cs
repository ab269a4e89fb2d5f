namespace SkillRt.Tools;

/// <summary>How a tool call ended: the values of the <c>skillrt.outcome</c> attribute on <c>execute_tool</c> spans.</summary>
internal static class ToolOutcome
{
    public const string Success = "success";

    public const string Denied = "denied";

    public const string Timeout = "timeout";

    public const string Error = "error";
}
