using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt;

/// <summary>Runs skills loaded at run time, with JSON inputs and outputs.</summary>
public static class SkillRunnerExtensions
{
    /// <summary>Runs a skill loaded at run time with a JSON input object.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="skill">The skill, from <see cref="SkillDefinition.LoadAsync"/> or <see cref="SkillDefinition.Parse"/>.</param>
    /// <param name="input">The input object, one property per declared input; missing inputs take their defaults.</param>
    /// <param name="options">Per-call overrides of the runner's options.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The validated output as JSON (a JSON string for text and file outputs) and the run report.</returns>
    /// <exception cref="SkillInputException">The input breaks the skill's contract; nothing ran.</exception>
    /// <exception cref="SkillOutputException">The output still breaks the contract after every repair attempt.</exception>
    public static Task<SkillRunResult<JsonElement>> RunAsync(
        this ISkillRunner runner, SkillDefinition skill, JsonElement input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(skill);
        return runner.RunAsync(skill.Contract, input, options, cancellationToken);
    }

    /// <summary>
    /// Runs a skill that declares no inputs (a plain Agent Skills file, for example) on a task in
    /// words; the task is the user message and the skill's instructions the system message.
    /// </summary>
    /// <param name="runner">The runner.</param>
    /// <param name="skill">The skill.</param>
    /// <param name="task">What to do, such as "Summarize data/sales.csv".</param>
    /// <param name="options">Per-call overrides of the runner's options.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The validated output as JSON and the run report.</returns>
    /// <exception cref="SkillInputException">The skill declares inputs; pass them as a JSON object instead.</exception>
    public static Task<SkillRunResult<JsonElement>> RunAsync(
        this ISkillRunner runner, SkillDefinition skill, string task, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(task);
        var input = SkillJson.ToElement(0, task, static (_, writer, value) => writer.WriteStringValue(value));
        return runner.RunAsync(skill.Contract, input, options, cancellationToken);
    }
}
