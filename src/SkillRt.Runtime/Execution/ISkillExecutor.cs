using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Execution;

/// <summary>
/// One way of executing a skill, chosen by its runtime type: a model, a process, an MCP tool. The
/// runner does what every run shares (input validation, telemetry, logging, the report) and hands
/// the rest to the executor that accepts the skill.
/// </summary>
internal interface ISkillExecutor
{
    /// <summary>Whether this executor runs skills of the given runtime type.</summary>
    bool CanExecute(SkillRuntimeType runtimeType);

    /// <summary>Executes the skill and returns its validated output.</summary>
    /// <exception cref="SkillOutputException">No valid output could be produced.</exception>
    Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
        where TInput : notnull;
}
