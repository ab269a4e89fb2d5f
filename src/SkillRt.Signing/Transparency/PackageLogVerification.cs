using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Signing.Transparency;

/// <summary>What <see cref="PackageLogVerifier"/> found.</summary>
/// <param name="Checks">Each check, in the order made.</param>
/// <param name="LogKey">The log's key as served (to pin on first use), or null when it could not be read.</param>
/// <param name="Checkpoint">The verified signed checkpoint to remember as the last seen, or null unless every check passed.</param>
/// <param name="LeafIndex">The package's leaf index, when found.</param>
/// <param name="Entry">The package's log entry, when found and readable.</param>
public sealed record PackageLogVerification(IReadOnlyList<LogCheck> Checks, NoteVerifier? LogKey, string? Checkpoint, long? LeafIndex, LogEntry? Entry)
{
    /// <summary>Whether any check found evidence of tampering.</summary>
    public bool TamperDetected => Checks.Any(c => c.Status == LogCheckStatus.Failed);

    /// <summary>Whether every check that ran passed.</summary>
    public bool Succeeded => Checks.All(c => c.Status is LogCheckStatus.Passed or LogCheckStatus.Skipped) && Checkpoint is not null;
}
