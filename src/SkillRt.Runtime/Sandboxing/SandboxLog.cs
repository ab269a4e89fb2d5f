using Microsoft.Extensions.Logging;

namespace SkillRt.Sandboxing;

/// <summary>
/// The sandbox's log messages (event ids 200–249). Names, programs, exit codes, durations and
/// denied hosts only: never a process's input, output or environment values.
/// </summary>
internal static partial class SandboxLog
{
    [LoggerMessage(200, LogLevel.Debug, "Skill {SkillName}: starting {Program} ({Sandbox})")]
    public static partial void Starting(ILogger logger, string skillName, string program, SandboxKind sandbox);

    [LoggerMessage(201, LogLevel.Debug, "Skill {SkillName}: {Program} exited with code {ExitCode} after {DurationMs:F0} ms")]
    public static partial void Exited(ILogger logger, string skillName, string program, int exitCode, double durationMs);

    [LoggerMessage(202, LogLevel.Warning, "Skill {SkillName}: no process sandbox is available ({Reason}); its processes run with a filtered environment only, and its filesystem and network permissions are not enforced")]
    public static partial void NoSandbox(ILogger logger, string skillName, string reason);

    [LoggerMessage(203, LogLevel.Warning, "Skill {SkillName}: a connection to {Host}:{Port} was refused; permissions.network does not list it")]
    public static partial void NetworkDenied(ILogger logger, string skillName, string host, int port);

    [LoggerMessage(204, LogLevel.Warning, "Skill {SkillName}: socat is not installed, so the hosts in permissions.network cannot be reached from the sandbox and the process runs without network; install socat (apt-get install socat)")]
    public static partial void SocatMissing(ILogger logger, string skillName);

    [LoggerMessage(205, LogLevel.Warning, "Skill {SkillName}: {Program} ran longer than {TimeoutSeconds} s and was stopped with its children")]
    public static partial void TimedOut(ILogger logger, string skillName, string program, double timeoutSeconds);

    [LoggerMessage(206, LogLevel.Debug, "Skill {SkillName}: {Program} was stopped with its children because the run was cancelled")]
    public static partial void Cancelled(ILogger logger, string skillName, string program);

    [LoggerMessage(207, LogLevel.Debug, "Skill {SkillName}: {Path} is not mounted in the sandbox: {Reason}")]
    public static partial void MountSkipped(ILogger logger, string skillName, string path, string reason);

    [LoggerMessage(208, LogLevel.Debug, "Skill {SkillName}: the network proxy could not serve a connection")]
    public static partial void ProxyConnectionFailed(ILogger logger, string skillName, System.Exception exception);

    [LoggerMessage(209, LogLevel.Warning, "bubblewrap at {Path} cannot create a sandbox here: {Reason}")]
    public static partial void BubblewrapUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(240, LogLevel.Warning, "Skill {SkillName}: a resource limit of its processes is not enforced here: {Reason}; docs/security.md says what each platform enforces")]
    public static partial void LimitNotEnforced(ILogger logger, string skillName, string reason);

    [LoggerMessage(241, LogLevel.Warning, "Skill {SkillName}: {Program} {Description}")]
    public static partial void LimitExceeded(ILogger logger, string skillName, string program, string description);

    [LoggerMessage(243, LogLevel.Warning, "Skill {SkillName}: {Warning}")]
    public static partial void OutputTruncated(ILogger logger, string skillName, string warning);

    [LoggerMessage(242, LogLevel.Debug, "Removed {Count} temporary folder(s) left in {Folder} by SkillRt processes that were killed")]
    public static partial void TempFoldersRemoved(ILogger logger, int count, string folder);
}
