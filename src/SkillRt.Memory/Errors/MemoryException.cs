using System;
using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>
/// A memory operation refused bad input or could not use its store. <see cref="Code"/> is stable
/// (<see cref="MemoryErrorCodes"/>); the message says what is wrong and what to do.
/// </summary>
public sealed class MemoryException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="code">The stable code (<see cref="MemoryErrorCodes"/>).</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="errors">Located problems, e.g. each schema violation.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MemoryException(string code, string message, IReadOnlyList<MemoryError>? errors = null, Exception? innerException = null)
        : base(code + ": " + message, innerException)
    {
        Code = code;
        Errors = errors ?? [];
    }

    /// <summary>The stable code, e.g. <c>MEM0003</c>.</summary>
    public string Code { get; }

    /// <summary>Located problems; empty when the message says it all.</summary>
    public IReadOnlyList<MemoryError> Errors { get; }

    /// <summary>For <see cref="MemoryErrorCodes.VersionConflict"/>: the memory's current version (0 when it does not exist).</summary>
    public long? CurrentVersion { get; init; }
}
