namespace SkillRt.Handoff;

/// <summary>A file or document passed as context: by reference (<see cref="Uri"/>) or inline (<see cref="Text"/>).</summary>
public sealed record HandoffArtifact
{
    /// <summary>The artifact's name, as the goal refers to it.</summary>
    public required string Name { get; init; }

    /// <summary>Its media type, such as <c>text/markdown</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Where to read it.</summary>
    public string? Uri { get; init; }

    /// <summary>Its content, inline.</summary>
    public string? Text { get; init; }
}
