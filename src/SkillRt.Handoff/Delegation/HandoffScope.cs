using System;
using System.Collections.Generic;
using System.Threading;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// The handoff running on this async flow: its budget and the tools it granted. The runners are
/// shared per model, so what belongs to one handoff reaches them through the flow, not a field.
/// </summary>
internal sealed class HandoffScope(BudgetMeter meter, IReadOnlyList<string>? grantedTools)
{
    private static readonly AsyncLocal<HandoffScope?> CurrentScope = new();

    private readonly HashSet<string> _tools = new(grantedTools ?? [], StringComparer.Ordinal);

    public static HandoffScope? Current
    {
        get => CurrentScope.Value;
        set => CurrentScope.Value = value;
    }

    public BudgetMeter Meter { get; } = meter;

    /// <summary>Whether the envelope granted the tool; no tool is granted unless named.</summary>
    public bool MayCall(string toolName) => _tools.Contains(toolName);
}
