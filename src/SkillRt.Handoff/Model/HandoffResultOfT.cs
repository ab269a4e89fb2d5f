using System.Diagnostics.CodeAnalysis;

namespace SkillRt.Handoff;

/// <summary>A handoff's result with its output read as <typeparamref name="TOutput"/>.</summary>
/// <typeparam name="TOutput">The output's type.</typeparam>
public sealed class HandoffResult<TOutput>
{
    /// <summary>Pairs a result with its typed output.</summary>
    /// <param name="result">The result as it goes over the wire.</param>
    /// <param name="output">The output read as <typeparamref name="TOutput"/>; <see langword="default"/> unless completed.</param>
    public HandoffResult(HandoffResult result, TOutput? output)
    {
        System.ArgumentNullException.ThrowIfNull(result);
        Result = result;
        Output = output;
    }

    /// <summary>The result as it goes over the wire: status, usage, attempts, evidence, trace id, error.</summary>
    public HandoffResult Result { get; }

    /// <summary>The typed output; <see langword="default"/> unless <see cref="Succeeded"/>.</summary>
    public TOutput? Output { get; }

    /// <summary>Whether the handoff completed, so <see cref="Output"/> holds the answer.</summary>
    [MemberNotNullWhen(true, nameof(Output))]
    public bool Succeeded => Result.Status == HandoffStatus.Completed && Output is not null;
}
