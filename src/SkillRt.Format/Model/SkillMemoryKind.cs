namespace SkillRt;

/// <summary>A kind of memory a skill defines (<c>memory.kinds</c>): its name and the JSON Schema its values must satisfy.</summary>
public sealed class SkillMemoryKind
{
    /// <summary>The kind's name, as written: <c>rtt-api-note</c>. The same rules as a skill name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What memories of this kind hold; <see langword="null"/> when none is given.</summary>
    public string? Description { get; init; }

    /// <summary>The JSON Schema every value of this kind must satisfy, as written in YAML; <see langword="null"/> in generated code, which has only <see cref="SchemaJson"/>.</summary>
    public FrontmatterNode? Schema { get; init; }

    /// <summary>The same schema as JSON text: what a memory store registers the kind with.</summary>
    public string SchemaJson { get; init; } = "{}";

    /// <summary>Where the kind is declared (its key).</summary>
    public SourceSpan Span { get; init; }
}
