namespace SkillRt.Signing.Transparency;

/// <summary>How one check of a verification ended.</summary>
public enum LogCheckStatus
{
    /// <summary>The check held.</summary>
    Passed,

    /// <summary>The check found evidence of tampering or of a dishonest log.</summary>
    Failed,

    /// <summary>The check could not run: the server could not be reached, refused, or answered nonsense.</summary>
    Unavailable,

    /// <summary>The check was not made (an earlier one failed, or it is not implemented for this package).</summary>
    Skipped,
}

/// <summary>One check of <see cref="PackageLogVerifier"/>, in words for the user.</summary>
/// <param name="Name">A stable short name (<c>log-key</c>, <c>checkpoint</c>, <c>entry</c>, <c>inclusion</c>, <c>consistency</c>).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">What was checked, or what was detected.</param>
public sealed record LogCheck(string Name, LogCheckStatus Status, string Detail);
