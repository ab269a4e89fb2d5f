using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SkillRt.Sandboxing;
using SkillRt.Tools;

namespace SkillRt.Execution;

/// <summary>
/// One run as an <see cref="ISkillExecutor"/> sees it: the skill's contract, its checked input as
/// JSON (defaults applied) and the folders it runs in. The runner has already checked the input and
/// the skill's dependencies; the executor produces an output that meets the contract.
/// </summary>
/// <typeparam name="TInput">The skill's input type.</typeparam>
/// <typeparam name="TOutput">The skill's output type.</typeparam>
[Experimental(Experimentals.Executors, UrlFormat = Experimentals.ExecutorsUrl)]
public sealed class SkillExecution<TInput, TOutput>
    where TInput : notnull
{
    internal SkillExecution(
        SkillContract<TInput, TOutput> contract,
        JsonElement input,
        PreparedSkill prepared,
        ModelSettings settings,
        SkillRunState state,
        Action<SkillRunUpdate<TOutput>>? progress,
        string? skillDirectory,
        string workingDirectory)
    {
        Contract = contract;
        Input = input;
        Prepared = prepared;
        Settings = settings;
        State = state;
        Progress = progress;
        SkillDirectory = skillDirectory;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The skill's contract: its descriptor and the reading and checking of its output.</summary>
    public SkillContract<TInput, TOutput> Contract { get; }

    /// <summary>What the skill is: name, instructions, schemas, dependencies and permissions.</summary>
    public SkillDescriptor Descriptor => Contract.Descriptor;

    /// <summary>The checked input object, defaults applied.</summary>
    public JsonElement Input { get; }

    /// <summary>The skill's folder (with <c>scripts/</c>, <c>references/</c>, <c>assets/</c>), when it can be found.</summary>
    public string? SkillDirectory { get; }

    /// <summary>The folder processes start in and relative paths resolve against.</summary>
    public string WorkingDirectory { get; }

    internal PreparedSkill Prepared { get; }

    internal ModelSettings Settings { get; }

    internal SkillRunState State { get; }

    /// <summary>Receives text deltas and repair notices when the run is streamed; <see langword="null"/> otherwise.</summary>
    internal Action<SkillRunUpdate<TOutput>>? Progress { get; }

    /// <summary>The tools the model may call in this run, behind their gate; <see langword="null"/> when it may call none.</summary>
    internal ToolRun? Tools { get; init; }

    /// <summary>The resource and output limits of the run's processes; <see langword="null"/> for the runner's.</summary>
    internal ProcessLimits? ProcessLimits { get; init; }
}
