namespace SkillRt.AgentDoc;

/// <summary>Settings of <see cref="OpenApiAgentDocGenerator"/>.</summary>
public sealed record OpenApiGenerationOptions
{
    /// <summary>The agent-doc's name; null derives it from the document's title ("OpenAI API" gives <c>openai-api</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Where the source came from, as <c>identity.source.uri</c> states it; null uses the file name.</summary>
    public string? SourceUri { get; init; }

    /// <summary>The largest OpenAPI document read, in bytes (64 MiB); larger ones are refused with a report, not read.</summary>
    public long MaxSourceBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Examples larger than this, as JSON, are left out to keep the agent-doc small (each is counted in the report).</summary>
    public int MaxExampleBytes { get; init; } = 2048;

    /// <summary>
    /// Whether schema descriptions keep all their paragraphs and schemas their <c>example</c>s. Off: each
    /// description is cut to its first paragraph (about 400 characters) and schema examples are left out,
    /// which halves the agent-doc of a large API; operation examples are kept either way.
    /// </summary>
    public bool KeepFullSchemaText { get; init; }

    /// <summary>Whether to keep shared schemas no operation uses (webhook payloads, leftovers). Off: they cost tokens and answer nothing.</summary>
    public bool KeepUnusedSchemas { get; init; }
}
