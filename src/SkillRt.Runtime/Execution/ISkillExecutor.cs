using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Execution;

/// <summary>
/// One way of executing a skill: SkillRt's own run skills on a model, as a process or as an MCP
/// tool. The runner does what every run shares (input validation, dependency and permission checks,
/// the time limit, telemetry, logging, the report) and hands the rest to an executor that accepts
/// the skill.
/// </summary>
/// <remarks>
/// Register one with <c>services.AddSkillRt().AddSkillExecutor&lt;TExecutor&gt;()</c>. The runner asks
/// the executors registered last first, as dependency injection resolves the last registration of a
/// service first, so an executor added after <c>AddSkillRt</c> can take over skills SkillRt would
/// otherwise run itself (for example skills with a tag of its own). Executors are shared by every
/// run and must be thread-safe.
/// </remarks>
[Experimental(Experimentals.Executors, UrlFormat = Experimentals.ExecutorsUrl)]
public interface ISkillExecutor
{
    /// <summary>Whether this executor runs the skill.</summary>
    /// <param name="skill">The skill about to run; its input has been checked.</param>
    /// <returns><see langword="true"/> to run it with <see cref="ExecuteAsync{TInput, TOutput}"/>.</returns>
    bool CanExecute(SkillDescriptor skill);

    /// <summary>Executes the skill and returns its output, checked against the skill's contract.</summary>
    /// <typeparam name="TInput">The skill's input type.</typeparam>
    /// <typeparam name="TOutput">The skill's output type.</typeparam>
    /// <param name="execution">The run: the skill's contract, its checked input and its folders.</param>
    /// <param name="cancellationToken">Stops the run: the caller cancelled or the run's time limit passed.</param>
    /// <returns>The output, read through <see cref="SkillContract{TInput, TOutput}.TryReadOutput"/> so it meets the contract.</returns>
    /// <exception cref="SkillOutputException">No valid output could be produced.</exception>
    Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
        where TInput : notnull;
}
