using System.Collections.Generic;

namespace SkillRt.Evaluation;

/// <summary>
/// The diagnostics of a skill's eval files (<c>evals/*.yaml</c>), reported with SkillRt.Format's
/// diagnostic types so every tool prints them like SKILL.md's: <c>file(line,column): error EVAL0005: …</c>.
/// YAML syntax problems keep the YAML parser's own IDs (SKILL0002, SKILL0003…). Each ID is listed in
/// spec/EVAL-SPEC.md's "Diagnostics" section with a bad example and the fix; an ID never changes meaning.
/// </summary>
public static class EvalDiagnosticDescriptors
{
    /// <summary>EVAL0001: the eval file is larger than the reader accepts.</summary>
    public static SkillDiagnosticDescriptor FileTooLarge { get; } = new(
        "EVAL0001", SkillDiagnosticSeverity.Error, "Eval file too large",
        "The file is {0} bytes; an eval file may be at most {1} bytes. Split its cases into several files, or keep long inputs in the recordings");

    /// <summary>EVAL0002: the skill folder has no eval file.</summary>
    public static SkillDiagnosticDescriptor NoEvalFiles { get; } = new(
        "EVAL0002", SkillDiagnosticSeverity.Error, "No eval files",
        "{0} has no eval files; add evals/<name>.yaml with a 'cases' list (spec/EVAL-SPEC.md)");

    /// <summary>EVAL0003: the file is not a mapping with a <c>cases</c> list.</summary>
    public static SkillDiagnosticDescriptor NotAnEvalFile { get; } = new(
        "EVAL0003", SkillDiagnosticSeverity.Error, "Not an eval file",
        "{0}");

    /// <summary>EVAL0004: a key the format does not define (ignored).</summary>
    public static SkillDiagnosticDescriptor UnknownKey { get; } = new(
        "EVAL0004", SkillDiagnosticSeverity.Warning, "Unknown key",
        "{0} has an unknown key '{1}', which is ignored; {2}");

    /// <summary>EVAL0005: a required key is missing.</summary>
    public static SkillDiagnosticDescriptor MissingKey { get; } = new(
        "EVAL0005", SkillDiagnosticSeverity.Error, "Missing key",
        "{0} has no '{1}'; add it ({2})");

    /// <summary>EVAL0006: a value of the wrong kind.</summary>
    public static SkillDiagnosticDescriptor WrongType { get; } = new(
        "EVAL0006", SkillDiagnosticSeverity.Error, "Wrong value type",
        "{0} must be {1}, not {2}");

    /// <summary>EVAL0007: a case name that is empty, badly formed or used twice.</summary>
    public static SkillDiagnosticDescriptor InvalidCaseName { get; } = new(
        "EVAL0007", SkillDiagnosticSeverity.Error, "Invalid case name",
        "{0}");

    /// <summary>EVAL0008: a case's inputs break the skill's declared inputs.</summary>
    public static SkillDiagnosticDescriptor InvalidInput { get; } = new(
        "EVAL0008", SkillDiagnosticSeverity.Error, "Input does not fit the skill",
        "{0}: {1}");

    /// <summary>EVAL0009: an expectation has no assertion kind, or more than one.</summary>
    public static SkillDiagnosticDescriptor AmbiguousAssertion { get; } = new(
        "EVAL0009", SkillDiagnosticSeverity.Error, "Not one assertion",
        "{0} {1}; write exactly one of schema, equals, contains, matches, approx or rubric per item of 'expect'");

    /// <summary>EVAL0010: a JSONPath outside the supported subset, or malformed.</summary>
    public static SkillDiagnosticDescriptor InvalidPath { get; } = new(
        "EVAL0010", SkillDiagnosticSeverity.Error, "Invalid JSONPath",
        "'{0}' is not a supported JSONPath: {1}");

    /// <summary>EVAL0011: a regular expression that does not compile.</summary>
    public static SkillDiagnosticDescriptor InvalidPattern { get; } = new(
        "EVAL0011", SkillDiagnosticSeverity.Error, "Invalid regular expression",
        "'{0}' is not a valid .NET regular expression: {1}");

    /// <summary>EVAL0012: a JSON Schema that does not compile.</summary>
    public static SkillDiagnosticDescriptor InvalidSchema { get; } = new(
        "EVAL0012", SkillDiagnosticSeverity.Error, "Invalid JSON Schema",
        "the schema is invalid: {0}");

    /// <summary>EVAL0013: an <c>approx</c> without a value, with both tolerances, or a negative one.</summary>
    public static SkillDiagnosticDescriptor InvalidTolerance { get; } = new(
        "EVAL0013", SkillDiagnosticSeverity.Error, "Invalid numeric tolerance",
        "{0}");

    /// <summary>EVAL0014: <c>trials</c> or <c>min-pass-rate</c> out of range.</summary>
    public static SkillDiagnosticDescriptor OutOfRange { get; } = new(
        "EVAL0014", SkillDiagnosticSeverity.Error, "Value out of range",
        "{0} is {1}; {2}");

    /// <summary>EVAL0015: a recording path that is absolute or leaves the skill's folder.</summary>
    public static SkillDiagnosticDescriptor InvalidRecordingPath { get; } = new(
        "EVAL0015", SkillDiagnosticSeverity.Error, "Invalid recording path",
        "'{0}' {1}; write a path relative to the eval file that stays inside the skill's folder, such as recordings/{2}.json");

    /// <summary>EVAL0016: <c>inputs</c> on a skill that declares none, or <c>task</c> on one that does.</summary>
    public static SkillDiagnosticDescriptor InputStyleMismatch { get; } = new(
        "EVAL0016", SkillDiagnosticSeverity.Error, "Inputs do not match the skill's style",
        "{0}");

    /// <summary>Every descriptor, in ID order.</summary>
    public static IReadOnlyList<SkillDiagnosticDescriptor> All { get; } =
    [
        FileTooLarge, NoEvalFiles, NotAnEvalFile, UnknownKey, MissingKey, WrongType, InvalidCaseName, InvalidInput,
        AmbiguousAssertion, InvalidPath, InvalidPattern, InvalidSchema, InvalidTolerance, OutOfRange, InvalidRecordingPath,
        InputStyleMismatch,
    ];
}
