namespace SkillRt;

/// <summary>
/// Settings for one run that override the runner's own. Every property left
/// <see langword="null"/> keeps the runner's setting.
/// </summary>
public sealed class SkillRunOptions
{
    /// <summary>The model to use, such as <c>gpt-4.1-mini</c>.</summary>
    public string? ModelId { get; init; }

    /// <summary>The sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>The most tokens the model may produce in one response.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>How many times an invalid output is sent back to the model to be fixed.</summary>
    public int? MaxRepairAttempts { get; init; }

    /// <summary>The most processes each process of the run may have running at once (<see cref="SkillRunnerOptions.MaxProcesses"/>).</summary>
    public int? MaxProcesses { get; init; }

    /// <summary>The most memory, in bytes, for each process of the run (<see cref="SkillRunnerOptions.MaxProcessMemoryBytes"/>).</summary>
    public long? MaxProcessMemoryBytes { get; init; }

    /// <summary>The most CPU time for each process of the run (<see cref="SkillRunnerOptions.MaxProcessCpuTime"/>).</summary>
    public System.TimeSpan? MaxProcessCpuTime { get; init; }

    /// <summary>The most bytes of standard output a process skill may write (<see cref="SkillRunnerOptions.MaxProcessOutputBytes"/>).</summary>
    public int? MaxProcessOutputBytes { get; init; }

    /// <summary>
    /// How long this run may take, with every model call, repair, tool call and process in it;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> sets no limit. At the limit the run
    /// fails with <see cref="SkillTimeoutException"/>. See <see cref="SkillRunnerOptions.RunTimeout"/>.
    /// </summary>
    public System.TimeSpan? RunTimeout { get; init; }
}
