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
    Action<SkillRunUpdate<TOutput>>? progress)
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
}
