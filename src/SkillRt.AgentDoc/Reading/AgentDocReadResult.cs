using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>What <see cref="AgentDocReader"/> read: the document (when it could be read) and every problem, located.</summary>
public sealed class AgentDocReadResult
{
    internal AgentDocReadResult(string? path, AgentDocument? document, IReadOnlyList<SkillDiagnostic> diagnostics, string? computedContentHash)
    {
        Path = path;
        Document = document;
        Diagnostics = diagnostics;
        ComputedContentHash = computedContentHash;
    }

    /// <summary>The file read, when it was read from one.</summary>
    public string? Path { get; }

    /// <summary>The document; null when the file could not be read as one (YAML errors, not a mapping).</summary>
    public AgentDocument? Document { get; }

    /// <summary>Every problem, in file order; positions are lines and columns of the file.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>The content hash of what was read (the stated one is in the document's identity); null when it could not be read.</summary>
    public string? ComputedContentHash { get; }

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.HasErrors();
}
