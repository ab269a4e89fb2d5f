using System;
using System.Collections.Generic;

namespace SkillRt.Server.AgentDocs;

/// <summary>The agent-doc module's settings (section <c>SkillRt:AgentDocs</c>).</summary>
public sealed class AgentDocServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SkillRt:AgentDocs";

    /// <summary>The token budget of an answer when the caller passes no <c>maxTokens</c>; 4,000 by default.</summary>
    public int DefaultMaxTokens { get; set; } = 4_000;

    /// <summary>The largest <c>maxTokens</c> a caller may ask for; 32,000 by default.</summary>
    public int MaxTokensCap { get; set; } = 32_000;

    /// <summary>
    /// How long the list of published agent-docs is kept before it is read from the registry again, when this
    /// replica has not published anything meanwhile (other replicas' publishes are seen after at most this long); 30 s by default.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// agent-doc.yaml files (or folders searched recursively for them) served beside the published ones, and
    /// before them when both have a library version: <c>skillrt agent-doc serve --http</c> passes its files here.
    /// Read once, at the first query; a file that is not valid is logged with its diagnostics and left out.
    /// </summary>
    public IList<string> Files { get; } = [];

    /// <summary>The largest MCP request body the endpoint reads, in bytes; 64 KiB by default (a tool call is a few hundred bytes).</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>The most agent-doc versions kept parsed in memory; 256 by default. Beyond it the least recently published are not served.</summary>
    public int MaxDocuments { get; set; } = 256;
}
