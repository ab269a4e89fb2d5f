namespace SkillRt;

/// <summary>A limit SkillRt puts on every process it runs for a skill, named in <see cref="SkillProcessException.LimitExceeded"/> when a process hits it.</summary>
public enum SkillResourceLimit
{
    /// <summary>How many processes may run at once (<see cref="SkillRunnerOptions.MaxProcesses"/>).</summary>
    Processes,

    /// <summary>How much memory the processes may use (<see cref="SkillRunnerOptions.MaxProcessMemoryBytes"/>).</summary>
    Memory,

    /// <summary>How much CPU time a process may use (<see cref="SkillRunnerOptions.MaxProcessCpuTime"/>).</summary>
    CpuTime,

    /// <summary>How much standard output a process skill may write (<see cref="SkillRunnerOptions.MaxProcessOutputBytes"/>).</summary>
    Output,
}
