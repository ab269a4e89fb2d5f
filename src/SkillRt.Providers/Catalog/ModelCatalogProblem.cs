namespace SkillRt.Providers;

/// <summary>One thing wrong with a models.yaml, at its place in the file.</summary>
/// <param name="Path">The file's path, or <see langword="null"/> for text that came from no file.</param>
/// <param name="Line">The one-based line.</param>
/// <param name="Column">The one-based column.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ModelCatalogProblem(string? Path, int Line, int Column, string Message)
{
    /// <summary>The problem the way compilers print theirs: <c>models.yaml(3,15): error: …</c>.</summary>
    public override string ToString() => $"{Path ?? "models.yaml"}({Line},{Column}): error: {Message}";
}
