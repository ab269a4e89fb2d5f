using System.Collections.Generic;

namespace SkillRt;

/// <summary>One declared input of a structured skill.</summary>
public sealed class SkillInput
{
    /// <summary>The input's name as written; the key in the inputs JSON object and in templates.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The input's type.</summary>
    public SkillInputType Type { get; init; }

    /// <summary>Whether a value must be given.</summary>
    public bool Required { get; init; }

    /// <summary>What the input is for.</summary>
    public string? Description { get; init; }

    /// <summary>The value used when none is given, as written in YAML; <see langword="null"/> when there is none.</summary>
    public FrontmatterNode? Default { get; init; }

    /// <summary>The allowed values of an enum input, in order; empty when the input is not an enum.</summary>
    public IReadOnlyList<string> EnumValues { get; init; } = [];

    /// <summary>The JSON Schema of a json input, as written in YAML; <see langword="null"/> when there is none.</summary>
    public FrontmatterNode? Schema { get; init; }

    /// <summary>Where the input is declared.</summary>
    public SourceSpan Span { get; init; }
}
