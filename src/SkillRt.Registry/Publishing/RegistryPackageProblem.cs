namespace SkillRt.Registry.Publishing;

/// <summary>One problem <see cref="IRegistryPackageKind.Check"/> found, located in a file of the package.</summary>
/// <param name="Id">A stable diagnostic ID (<c>ADOC0104</c>).</param>
/// <param name="IsError">True for an error (the package is refused); false for a warning returned to the publisher.</param>
/// <param name="File">The file's path in the package.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record RegistryPackageProblem(string Id, bool IsError, string File, int Line, int Column, string Message);
