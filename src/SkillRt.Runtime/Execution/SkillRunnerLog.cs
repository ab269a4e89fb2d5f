using System;
using Microsoft.Extensions.Logging;

namespace SkillRt.Execution;

/// <summary>
/// The runner's log messages. Only names, counts and timings by default; prompt and output text
/// only when <see cref="SkillRunnerOptions.LogContents"/> is on, and then at Trace level.
/// </summary>
internal static partial class SkillRunnerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Running skill {SkillName} ({RuntimeType}) with model {ModelId}")]
    public static partial void Starting(ILogger logger, string skillName, string runtimeType, string? modelId);

    [LoggerMessage(2, LogLevel.Information, "Skill {SkillName} completed in {DurationMs:F0} ms: {Attempts} attempt(s), model {ModelId}, {InputTokens} input and {OutputTokens} output tokens")]
    public static partial void Completed(ILogger logger, string skillName, double durationMs, int attempts, string? modelId, long? inputTokens, long? outputTokens);

    [LoggerMessage(3, LogLevel.Warning, "Skill {SkillName}: output of attempt {Attempt} broke the contract ({ViolationCount} violation(s)); asking the model to fix it")]
    public static partial void Repairing(ILogger logger, string skillName, int attempt, int violationCount);

    // Violations can quote the input or the output, so only their number is logged.
    [LoggerMessage(4, LogLevel.Warning, "Skill {SkillName} failed ({Outcome}) after {DurationMs:F0} ms with {ViolationCount} violation(s)")]
    public static partial void Failed(ILogger logger, string skillName, string outcome, double durationMs, int violationCount);

    [LoggerMessage(5, LogLevel.Error, "Skill {SkillName} failed after {DurationMs:F0} ms")]
    public static partial void Error(ILogger logger, string skillName, double durationMs, Exception exception);

    [LoggerMessage(6, LogLevel.Debug, "Skill {SkillName} was cancelled after {DurationMs:F0} ms")]
    public static partial void Cancelled(ILogger logger, string skillName, double durationMs);

    [LoggerMessage(9, LogLevel.Warning, "Skill {SkillName} did not finish within its time limit of {TimeoutSeconds} s and was stopped during attempt {Attempts}")]
    public static partial void TimedOut(ILogger logger, string skillName, double timeoutSeconds, int attempts);

    [LoggerMessage(7, LogLevel.Trace, "Skill {SkillName} prompt\nsystem:\n{System}\nuser:\n{User}")]
    public static partial void Prompt(ILogger logger, string skillName, string system, string user);

    [LoggerMessage(8, LogLevel.Trace, "Skill {SkillName} answer of attempt {Attempt}:\n{Answer}")]
    public static partial void Answer(ILogger logger, string skillName, int attempt, string answer);

    [LoggerMessage(20, LogLevel.Warning, "Skill {SkillName}: call to tool {ToolName} refused ({Reason})")]
    public static partial void ToolDenied(ILogger logger, string skillName, string toolName, string reason);

    [LoggerMessage(21, LogLevel.Warning, "Skill {SkillName}: tool {ToolName} took longer than {TimeoutSeconds} s and was stopped")]
    public static partial void ToolTimedOut(ILogger logger, string skillName, string toolName, double timeoutSeconds);

    // The exception's message can quote arguments, so only its type is logged.
    [LoggerMessage(22, LogLevel.Warning, "Skill {SkillName}: tool {ToolName} failed with {ExceptionType}; the model was told")]
    public static partial void ToolFailed(ILogger logger, string skillName, string toolName, string exceptionType);

    [LoggerMessage(23, LogLevel.Debug, "Skill {SkillName}: offering {ToolCount} tool(s) to the model")]
    public static partial void OfferingTools(ILogger logger, string skillName, int toolCount);
}
