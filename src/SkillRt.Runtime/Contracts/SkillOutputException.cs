using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>
/// Thrown when a skill's output still breaks its contract after every repair attempt. It keeps the
/// raw output and every violation, so nothing the model produced is lost.
/// </summary>
public sealed class SkillOutputException : SkillException
{
    /// <summary>Creates the exception with no output and no violations.</summary>
    public SkillOutputException()
        : this(null, string.Empty, Array.Empty<SkillViolation>())
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public SkillOutputException(string message)
        : base(message)
    {
        RawOutput = string.Empty;
        Violations = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SkillOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
        RawOutput = string.Empty;
        Violations = [];
    }

    /// <summary>Creates the exception for a skill's output and everything wrong with it.</summary>
    /// <param name="rawOutput">The output exactly as produced.</param>
    /// <param name="violations">Every violation found.</param>
    /// <param name="skillName">The skill that produced the output, when known.</param>
    public SkillOutputException(string rawOutput, IEnumerable<SkillViolation> violations, string? skillName = null)
        : this(skillName, rawOutput, violations.ToArray())
    {
    }

    private SkillOutputException(string? skillName, string rawOutput, SkillViolation[] violations)
        : base(SkillViolationMessage.Format($"The output of skill '{skillName ?? "?"}' is invalid", violations))
    {
        ArgumentNullException.ThrowIfNull(rawOutput);
        SkillName = skillName;
        RawOutput = rawOutput;
        Violations = violations;
    }

    /// <summary>The last output exactly as produced.</summary>
    public string RawOutput { get; }

    /// <summary>Every way the last output breaks the contract, with JSON Pointers into it.</summary>
    public IReadOnlyList<SkillViolation> Violations { get; }
}
