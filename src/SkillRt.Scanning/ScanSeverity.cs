namespace SkillRt.Scanning;

/// <summary>
/// How serious a finding is. The registry quarantines a version with any finding at
/// <see cref="High"/> or above; <c>skill scan</c> fails at <see cref="High"/> by default; <c>dotnet pack</c>
/// logs every finding as a warning (docs/security.md).
/// </summary>
public enum ScanSeverity
{
    /// <summary>Worth knowing; nothing to fix unless it surprises you.</summary>
    Info = 0,

    /// <summary>Probably fine, but unusual for a skill.</summary>
    Low = 1,

    /// <summary>Likely a mistake or an undeclared capability; fix before publishing.</summary>
    Medium = 2,

    /// <summary>Dangerous or deceptive: the registry quarantines the version until an administrator reviews it.</summary>
    High = 3,

    /// <summary>An attack or a leak (a private key, a path that escapes the install folder): quarantined, and treat it as compromised.</summary>
    Critical = 4,
}
