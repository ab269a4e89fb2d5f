using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.AgentDoc;

/// <summary>What <see cref="OpenApiAgentDocGenerator"/> made of an OpenAPI document: the agent-doc and the report.</summary>
public sealed class OpenApiGenerationResult
{
    internal OpenApiGenerationResult(AgentDocument? document, IReadOnlyList<OpenApiMappingProblem> problems, int sourceOperationCount, string? sourceFormat, TimeSpan elapsed)
    {
        Document = document;
        Problems = problems;
        SourceOperationCount = sourceOperationCount;
        SourceFormat = sourceFormat;
        Elapsed = elapsed;
    }

    /// <summary>The agent-doc, with its content hash; null when the document could not be read (see <see cref="Problems"/>).</summary>
    public AgentDocument? Document { get; }

    /// <summary>Everything not mapped or mapped by a guess, in document order.</summary>
    public IReadOnlyList<OpenApiMappingProblem> Problems { get; }

    /// <summary>How many operations the OpenAPI document's paths hold; every one becomes an agent-doc operation.</summary>
    public int SourceOperationCount { get; }

    /// <summary>The source's format and version, such as "OpenAPI 3.1" or "Swagger 2.0"; null when unread.</summary>
    public string? SourceFormat { get; }

    /// <summary>How long reading and mapping took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether a document was produced.</summary>
    public bool Succeeded => Document is not null;

    /// <summary>The problems of one severity.</summary>
    public IEnumerable<OpenApiMappingProblem> ProblemsOf(OpenApiMappingSeverity severity) => Problems.Where(p => p.Severity == severity);
}
