namespace SkillRt.AgentDoc;

/// <summary>The document an agent-doc was generated from.</summary>
public sealed record AgentDocSource
{
    /// <summary>What kind of source it was: <c>openapi</c>, <c>swagger</c> or <c>manual</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where it was read from (a URL or a file name).</summary>
    public string? Uri { get; init; }

    /// <summary>The source format's own version, such as <c>3.1</c> for OpenAPI 3.1.</summary>
    public string? FormatVersion { get; init; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the source file's bytes, so a reader can tell it was generated from that file.</summary>
    public string? Sha256 { get; init; }
}
