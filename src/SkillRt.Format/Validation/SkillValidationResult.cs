using System.Collections.Generic;

namespace SkillRt;

/// <summary>The outcome of validating a skill: the typed manifest and every problem found.</summary>
public sealed class SkillValidationResult
{
    internal SkillValidationResult(SkillDocument document, SkillManifest manifest, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Document = document;
        Manifest = manifest;
        Diagnostics = diagnostics;
    }

    /// <summary>The parsed document.</summary>
    public SkillDocument Document { get; }

    /// <summary>The typed frontmatter; fields that are missing or invalid hold their defaults.</summary>
    public SkillManifest Manifest { get; }

    /// <summary>Every problem, from parsing and from validation, in file order.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>Whether any diagnostic is an error, which makes the skill unusable.</summary>
    public bool HasErrors => Diagnostics.HasErrors();
}
