namespace SkillRt;

/// <summary>What a structured skill produces.</summary>
public sealed class SkillOutput
{
    /// <summary>The output of a skill that declares none: free text.</summary>
    public static SkillOutput Text { get; } = new();

    /// <summary>The output type.</summary>
    public SkillOutputType Type { get; init; }

    /// <summary>The JSON Schema of a json output, as written in YAML; <see langword="null"/> when there is none.</summary>
    public FrontmatterNode? Schema { get; init; }

    /// <summary>What the output is (<c>outputs.description</c>); <see langword="null"/> when none is given.</summary>
    public string? Description { get; init; }

    /// <summary>Where the output is declared; the default span when it is not.</summary>
    public SourceSpan Span { get; init; }
}
