using System;

namespace SkillRt;

/// <summary>The base of every exception SkillRt throws for a problem with a skill, its input or its output.</summary>
public abstract class SkillException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SkillException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    protected SkillException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    protected SkillException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The skill concerned, when known.</summary>
    public string? SkillName { get; init; }
}
