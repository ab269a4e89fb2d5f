using System;

namespace SkillRt.Cli.Install;

/// <summary>
/// Thrown by <see cref="DependencyResolver"/> when no set of versions meets every requirement; the
/// command turns <see cref="Conflict"/> into its one-line error, before anything was installed.
/// </summary>
internal sealed class DependencyConflictException : Exception
{
    public DependencyConflictException(ResolutionConflict conflict, string? limit = null)
        : base(limit is null ? conflict.Explain() : $"{limit}; the first conflict: {conflict.Explain()}")
    {
        Conflict = conflict;
        Limit = limit;
    }

    /// <summary>The first conflict met: the one among the highest versions, which is what the user expected to get.</summary>
    public ResolutionConflict Conflict { get; }

    /// <summary>When resolution gave up after too many steps rather than exhausting every combination, what it says about that.</summary>
    public string? Limit { get; }
}
