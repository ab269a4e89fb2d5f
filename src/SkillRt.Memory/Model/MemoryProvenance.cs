namespace SkillRt.Memory;

/// <summary>Who wrote a memory: any of an API key, a skill (name and version) and a client may be known.</summary>
public sealed class MemoryProvenance
{
    /// <summary>No provenance known.</summary>
    public static MemoryProvenance None { get; } = new();

    /// <summary>The id (never the secret) of the API key the write came with.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The name of the skill that wrote it.</summary>
    public string? SkillName { get; init; }

    /// <summary>The version of that skill.</summary>
    public string? SkillVersion { get; init; }

    /// <summary>The client that wrote it, e.g. <c>claude-code/2.1</c> or <c>skill-cli</c>.</summary>
    public string? Client { get; init; }
}
