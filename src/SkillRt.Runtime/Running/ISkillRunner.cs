using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt;

/// <summary>
/// Runs skills: validates the input, executes the skill (a model, a process or an MCP tool) and
/// returns a validated, typed output. Generated code calls it through
/// <c>{Skill}Skill.RunAsync(runner, input)</c>; hosts register one implementation in DI.
/// </summary>
public interface ISkillRunner
{
    /// <summary>Runs a skill to completion.</summary>
    /// <typeparam name="TInput">The skill's input type.</typeparam>
    /// <typeparam name="TOutput">The skill's output type.</typeparam>
    /// <param name="skill">The skill's typed contract, such as <c>PrReviewSkill.Contract</c>.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Per-call overrides of the runner's options; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the run, including any model call or process in flight.</param>
    /// <returns>The validated output and the run report.</returns>
    /// <exception cref="SkillInputException">The input breaks the skill's contract; nothing ran.</exception>
    /// <exception cref="SkillOutputException">The output still breaks the contract after every repair attempt.</exception>
    Task<SkillRunResult<TOutput>> RunAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill,
        TInput input,
        SkillRunOptions? options = null,
        CancellationToken cancellationToken = default)
        where TInput : notnull;

    /// <summary>
    /// Runs a skill and reports progress as it happens: text as the model writes it, repair notices,
    /// and last the validated output with the run report.
    /// </summary>
    /// <typeparam name="TInput">The skill's input type.</typeparam>
    /// <typeparam name="TOutput">The skill's output type.</typeparam>
    /// <param name="skill">The skill's typed contract.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Per-call overrides of the runner's options; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the run at once.</param>
    /// <returns>The updates; the last one has <see cref="SkillRunUpdateKind.Completed"/>.</returns>
    IAsyncEnumerable<SkillRunUpdate<TOutput>> RunStreamingAsync<TInput, TOutput>(
        SkillContract<TInput, TOutput> skill,
        TInput input,
        SkillRunOptions? options = null,
        CancellationToken cancellationToken = default)
        where TInput : notnull;
}
