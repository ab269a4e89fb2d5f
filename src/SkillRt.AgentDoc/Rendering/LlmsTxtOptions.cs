namespace SkillRt.AgentDoc;

/// <summary>Settings of <see cref="LlmsTxtRenderer"/>.</summary>
public sealed record LlmsTxtOptions
{
    /// <summary>
    /// Where llms-full.txt is published, relative to llms.txt or absolute: llms.txt links each operation that has
    /// no human page of its own to its section there (<c>llms-full.txt#send-email</c>).
    /// </summary>
    public string FullTextUrl { get; init; } = "llms-full.txt";

    /// <summary>Whether llms-full.txt lists the shared schemas the operations use (as JSON) at the end.</summary>
    public bool IncludeSchemas { get; init; } = true;
}
