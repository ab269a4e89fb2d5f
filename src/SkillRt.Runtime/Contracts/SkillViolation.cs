using System;

namespace SkillRt;

/// <summary>
/// One way a value breaks its skill's contract: where (a JSON Pointer into the value) and what is
/// wrong. Input and output checks report every violation, not just the first.
/// </summary>
public sealed class SkillViolation : IEquatable<SkillViolation>
{
    /// <summary>Creates a violation.</summary>
    /// <param name="pointer">A JSON Pointer (RFC 6901) to the offending value; empty for the whole value.</param>
    /// <param name="message">What is wrong, as a sentence a person or a model can act on.</param>
    public SkillViolation(string pointer, string message)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(message);
        Pointer = pointer;
        Message = message;
    }

    /// <summary>A JSON Pointer (RFC 6901) to the offending value, such as <c>/findings/2/severity</c>; empty for the whole value.</summary>
    public string Pointer { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public bool Equals(SkillViolation? other) =>
        other is not null && string.Equals(Pointer, other.Pointer, StringComparison.Ordinal) && string.Equals(Message, other.Message, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SkillViolation);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Pointer), StringComparer.Ordinal.GetHashCode(Message));

    /// <summary>The violation as <c>/pointer: message</c>, with <c>(root)</c> for the whole value.</summary>
    public override string ToString() => (Pointer.Length == 0 ? "(root)" : Pointer) + ": " + Message;
}
