#if NET
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using NuGet.Common;

namespace SkillRt.Build;

/// <summary>
/// NuGet's log as MSBuild messages. NuGet's errors become messages too: the task reports one clear
/// error of its own, so the build log does not say the same thing twice.
/// </summary>
internal sealed class NuGetTaskLogger(TaskLoggingHelper log) : LoggerBase
{
    public override void Log(ILogMessage message) =>
        log.LogMessage(message.Level >= LogLevel.Warning ? MessageImportance.Normal : MessageImportance.Low, message.Message);

    public override System.Threading.Tasks.Task LogAsync(ILogMessage message)
    {
        Log(message);
        return System.Threading.Tasks.Task.CompletedTask;
    }
}
#endif
