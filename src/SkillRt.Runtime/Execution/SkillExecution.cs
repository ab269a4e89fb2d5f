using System;
using System.Text.Json;

namespace SkillRt.Execution;

/// <summary>
/// One run as an executor sees it: the skill, its validated input as JSON, the settings and the
/// state to fill in. The runner has already checked the input; the executor produces a valid output.
/// </summary>
internal sealed class SkillExecution<TInput, TOutput>(
    SkillContract<TInput, TOutput> contract,
    JsonElement input,
    PreparedSkill prepared,
    ModelSettings settings,
    SkillRunState state,
    Action<SkillRunUpdate<TOutput>>? progress,
    string? skillDirectory,
    string workingDirectory)
    where TInput : notnull
{
    public SkillContract<TInput, TOutput> Contract { get; } = contract;

    public SkillDescriptor Descriptor => Contract.Descriptor;

    /// <summary>The validated input object, defaults applied.</summary>
    public JsonElement Input { get; } = input;

    public PreparedSkill Prepared { get; } = prepared;

    public ModelSettings Settings { get; } = settings;

    public SkillRunState State { get; } = state;

    /// <summary>Receives text deltas and repair notices when the run is streamed; <see langword="null"/> otherwise.</summary>
    public Action<SkillRunUpdate<TOutput>>? Progress { get; } = progress;

    /// <summary>The skill's folder (with <c>scripts/</c>, <c>references/</c>, <c>assets/</c>), when it can be found.</summary>
    public string? SkillDirectory { get; } = skillDirectory;

    /// <summary>The folder processes start in and relative paths resolve against.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>The tools the model may call in this run, behind their gate; <see langword="null"/> when it may call none.</summary>
    public Tools.ToolRun? Tools { get; init; }

    /// <summary>The resource and output limits of the run's processes; <see langword="null"/> for the runner's.</summary>
    public Sandboxing.ProcessLimits? ProcessLimits { get; init; }
}
