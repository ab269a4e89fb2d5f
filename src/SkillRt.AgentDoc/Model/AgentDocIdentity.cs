namespace SkillRt.AgentDoc;

/// <summary>
/// What an agent-doc documents and exactly which text it is: every answer drawn from the doc can be
/// pinned to <see cref="Name"/>, <see cref="Version"/> and <see cref="ContentHash"/>.
/// </summary>
public sealed record AgentDocIdentity
{
    /// <summary>The library or API's name: lowercase letters, digits, '.', '_' and '-' (<c>resend</c>, <c>openai-api</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The version of the API or library documented (as its publisher writes it; SemVer where it is one).</summary>
    public required string Version { get; init; }

    /// <summary>A human title, such as "OpenAI API".</summary>
    public string? Title { get; init; }

    /// <summary>Where the text came from; null for a hand-written doc.</summary>
    public AgentDocSource? Source { get; init; }

    /// <summary>
    /// <c>sha256:</c> and the hex SHA-256 of the document's canonical JSON without this key
    /// (<see cref="AgentDocContentHash"/>); null when the file does not state it.
    /// </summary>
    public string? ContentHash { get; init; }
}
