using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Handoff;

/// <summary>Hands a task to a child model and returns its result: a typed output, or a typed failure.</summary>
public interface IHandoffDelegator
{
    /// <summary>
    /// Validates the envelope, runs the task on <see cref="DelegateOptions.Model"/> with the budget
    /// enforced while the model streams, checks the criteria, retries and escalates as the options
    /// say, and returns how it ended.
    /// </summary>
    /// <param name="envelope">The task.</param>
    /// <param name="options">The model, the retry and escalation policy, and what the parent holds.</param>
    /// <param name="cancellationToken">Cancels the handoff; the result is then <see cref="HandoffStatus.Cancelled"/>.</param>
    /// <returns>
    /// The result. A model that misbehaves, a provider error, an invalid envelope or a cancellation
    /// gives a result with its status and error, not an exception.
    /// </returns>
    Task<HandoffResult> DelegateAsync(HandoffEnvelope envelope, DelegateOptions options, CancellationToken cancellationToken = default);
}
