using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>
/// The diagnostics of an agent-doc.yaml, reported with SkillRt.Format's diagnostic types so every tool
/// prints them like SKILL.md's. YAML syntax problems keep the YAML parser's own IDs (SKILL0002,
/// SKILL0003…). Each ID is listed in spec/AGENT-DOC-SPEC.md's "Diagnostics" section with the fix.
/// </summary>
public static class AgentDocDiagnosticDescriptors
{
    /// <summary>ADOC0001: the file is larger than the reader accepts.</summary>
    public static SkillDiagnosticDescriptor FileTooLarge { get; } = new(
        "ADOC0001", SkillDiagnosticSeverity.Error, "File too large",
        "The file is {0} bytes; an agent-doc may be at most {1} bytes. Split it by API, or leave large examples out");

    /// <summary>ADOC0002: the file is not an agent-doc, or one of a spec version this reader does not know.</summary>
    public static SkillDiagnosticDescriptor NotAnAgentDoc { get; } = new(
        "ADOC0002", SkillDiagnosticSeverity.Error, "Not an agent-doc",
        "{0}");

    /// <summary>ADOC0101: a required key is missing.</summary>
    public static SkillDiagnosticDescriptor MissingKey { get; } = new(
        "ADOC0101", SkillDiagnosticSeverity.Error, "Missing key",
        "{0} has no '{1}'; add it ({2})");

    /// <summary>ADOC0102: a value has the wrong type.</summary>
    public static SkillDiagnosticDescriptor WrongType { get; } = new(
        "ADOC0102", SkillDiagnosticSeverity.Error, "Wrong value type",
        "{0} must be {1}, not {2}");

    /// <summary>ADOC0103: a key the spec does not define (ignored; extensions start with 'x-').</summary>
    public static SkillDiagnosticDescriptor UnknownKey { get; } = new(
        "ADOC0103", SkillDiagnosticSeverity.Warning, "Unknown key",
        "{0} has an unknown key '{1}', which is ignored; check the spelling, or name an extension 'x-{1}'");

    /// <summary>ADOC0104: a value breaks its rule (an ID, a URL, an HTTP method, a status, one of a fixed set).</summary>
    public static SkillDiagnosticDescriptor InvalidValue { get; } = new(
        "ADOC0104", SkillDiagnosticSeverity.Error, "Invalid value",
        "{0}: '{1}' is invalid: {2}");

    /// <summary>ADOC0105: two operations, workflows, steps or other entries share an ID.</summary>
    public static SkillDiagnosticDescriptor DuplicateId { get; } = new(
        "ADOC0105", SkillDiagnosticSeverity.Error, "Duplicate ID",
        "{0}: the {1} ID '{2}' is already used on line {3}; give each {1} its own ID");

    /// <summary>ADOC0106: a reference to a group, authentication, operation, step, input or schema that does not exist.</summary>
    public static SkillDiagnosticDescriptor UnknownReference { get; } = new(
        "ADOC0106", SkillDiagnosticSeverity.Error, "Unknown reference",
        "{0}: '{1}' names {2} that does not exist; {3}");

    /// <summary>ADOC0107: the stated content hash is not the hash of the content.</summary>
    public static SkillDiagnosticDescriptor ContentHashMismatch { get; } = new(
        "ADOC0107", SkillDiagnosticSeverity.Error, "Content hash mismatch",
        "identity.contentHash is '{0}' but the content hashes to '{1}'; the document changed since the hash was written: write the new hash, or run 'skillrt agent-doc validate --fix-hash'");

    /// <summary>Every descriptor, in ID order.</summary>
    public static IReadOnlyList<SkillDiagnosticDescriptor> All { get; } =
    [
        FileTooLarge, NotAnAgentDoc, MissingKey, WrongType, UnknownKey, InvalidValue, DuplicateId, UnknownReference, ContentHashMismatch,
    ];
}
