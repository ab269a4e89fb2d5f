using System;
using System.Threading;

namespace SkillRt.Execution;

/// <summary>How a run ended, as the <c>skillrt.run.outcome</c> attribute and in the log.</summary>
internal static class SkillRunOutcome
{
    public const string Success = "success";
    public const string InputInvalid = "input_invalid";
    public const string OutputInvalid = "output_invalid";
    public const string TemplateError = "template_error";
    public const string Cancelled = "cancelled";
    public const string Timeout = "timeout";
    public const string Error = "error";

    public static string Of(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        SkillInputException => InputInvalid,
        SkillOutputException => OutputInvalid,
        SkillTemplateException => TemplateError,
        SkillTimeoutException => Timeout,
        OperationCanceledException when cancellationToken.IsCancellationRequested => Cancelled,
        _ => Error,
    };
}
