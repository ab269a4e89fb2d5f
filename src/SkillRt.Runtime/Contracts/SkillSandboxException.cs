using System;

namespace SkillRt;

/// <summary>
/// A process could not be started as safely as the host requires: no OS sandbox is available here
/// (the message says why) and <see cref="SkillRunnerOptions.UnsafeAllowUnsandboxedProcesses"/> is
/// off, or the sandbox failed to start.
/// </summary>
public sealed class SkillSandboxException : SkillException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and what to do.</param>
    /// <param name="skillName">The skill whose process it is.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public SkillSandboxException(string message, string? skillName, Exception? innerException = null)
        : base(message, innerException)
    {
        SkillName = skillName;
    }
}
