namespace SkillRt.Handoff.Delegation;

/// <summary>Which limit of the budget ended a handoff; each has a stable error code (HANDOFF-SPEC section 4.3).</summary>
internal enum BudgetLimit
{
    InputTokens,
    OutputTokens,
    TotalTokens,
    Cost,
    Turns,
    Deadline,
}

internal static class BudgetLimits
{
    public static string Code(this BudgetLimit limit) => limit switch
    {
        BudgetLimit.InputTokens => "budget_input_tokens",
        BudgetLimit.OutputTokens => "budget_output_tokens",
        BudgetLimit.TotalTokens => "budget_total_tokens",
        BudgetLimit.Cost => "budget_cost",
        BudgetLimit.Turns => "budget_turns",
        _ => "deadline",
    };

    public static string Pointer(this BudgetLimit limit) => limit switch
    {
        BudgetLimit.InputTokens => "/budget/inputTokens",
        BudgetLimit.OutputTokens => "/budget/outputTokens",
        BudgetLimit.TotalTokens => "/budget/totalTokens",
        BudgetLimit.Cost => "/budget/costUsd",
        BudgetLimit.Turns => "/budget/turns",
        _ => "/budget/deadline",
    };
}
