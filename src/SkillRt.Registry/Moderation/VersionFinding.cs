using System;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// One finding the scanner reported for a published version (<c>registry_findings</c>): the rule, its
/// severity, the file and line it points at, what is wrong and how to fix it. Kept with the version,
/// so its authors can see why it was quarantined; deleted with the version.
/// </summary>
internal sealed class VersionFinding
{
    public const int MaxRuleIdLength = 16;
    public const int MaxSeverityLength = 16;
    public const int MaxFileLength = 512;
    public const int MaxTextLength = 2000;

    public Guid Id { get; set; }

    /// <summary>The version (<c>registry_versions.Id</c>) the finding belongs to.</summary>
    public Guid VersionId { get; set; }

    /// <summary>The order the scanner reported it in, so the API lists findings as the scanner did.</summary>
    public int Ordinal { get; set; }

    /// <summary>The stable rule id, <c>SKILLSECnnnn</c>.</summary>
    public required string RuleId { get; set; }

    /// <summary>The severity as the scanner names it (<c>Info</c>, <c>Low</c>, <c>Medium</c>, <c>High</c>, <c>Critical</c>).</summary>
    public required string Severity { get; set; }

    /// <summary>Whether the severity is High or above: such a finding quarantines the version.</summary>
    public bool Blocking { get; set; }

    /// <summary>The file inside the package the evidence is in, or null for the package as a whole.</summary>
    public string? File { get; set; }

    /// <summary>The 1-based line of the evidence, when there is one.</summary>
    public int? Line { get; set; }

    public required string Message { get; set; }

    /// <summary>The offending text, made safe to print by the scanner (invisible characters spelled out, secrets masked).</summary>
    public string? Evidence { get; set; }

    public string? Fix { get; set; }
}
