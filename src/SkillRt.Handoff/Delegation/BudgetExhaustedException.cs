using System;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// Thrown by <see cref="BudgetChatClient"/> through the runner to the delegator when a limit is
/// reached; the delegator turns it into a <see cref="HandoffStatus.BudgetExhausted"/> result, so it
/// never reaches a caller.
/// </summary>
internal sealed class BudgetExhaustedException(BudgetLimit limit, string message) : Exception(message)
{
    public BudgetLimit Limit { get; } = limit;
}
