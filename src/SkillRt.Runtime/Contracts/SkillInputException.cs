using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>
/// Thrown before a skill runs when its input breaks the skill's contract; every problem is in
/// <see cref="Violations"/> and in the message, so one fix round is enough.
/// </summary>
public sealed class SkillInputException : SkillException
{
    /// <summary>Creates the exception with no violations.</summary>
    public SkillInputException()
        : this(null, Array.Empty<SkillViolation>())
    {
    }

    /// <summary>Creates the exception with a message and no violations.</summary>
    /// <param name="message">What is wrong.</param>
    public SkillInputException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates the exception with a message, its cause and no violations.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SkillInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>Creates the exception for a skill's input and everything wrong with it.</summary>
    /// <param name="violations">Every violation found.</param>
    /// <param name="skillName">The skill whose input this is, when known.</param>
    public SkillInputException(IEnumerable<SkillViolation> violations, string? skillName = null)
        : this(skillName, violations.ToArray())
    {
    }

    private SkillInputException(string? skillName, SkillViolation[] violations)
        : base(SkillViolationMessage.Format($"The input for skill '{skillName ?? "?"}' is invalid", violations))
    {
        SkillName = skillName;
        Violations = violations;
    }

    /// <summary>Every way the input breaks the contract, with JSON Pointers into the input object.</summary>
    public IReadOnlyList<SkillViolation> Violations { get; }
}
