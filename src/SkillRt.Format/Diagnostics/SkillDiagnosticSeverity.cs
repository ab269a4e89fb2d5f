namespace SkillRt;

/// <summary>How serious a <see cref="SkillDiagnostic"/> is.</summary>
public enum SkillDiagnosticSeverity
{
    /// <summary>Worth knowing; never fails a build (for example, an unknown key that is preserved).</summary>
    Info = 0,

    /// <summary>Probably a mistake, but the skill still works.</summary>
    Warning = 1,

    /// <summary>The skill is invalid and cannot be compiled, packed or run.</summary>
    Error = 2,
}
