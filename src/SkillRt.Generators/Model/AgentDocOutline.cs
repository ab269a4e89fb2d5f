namespace SkillRt.Generators;

/// <summary>
/// What the build reads from one <c>AgentDoc</c> item: the agent-doc's name, version and operation IDs,
/// which is all the check of skills' declared operations needs, and its path in the project for messages. <see cref="Name"/> and
/// <see cref="Version"/> are null when the file cannot be read; <see cref="Diagnostics"/> say why, at
/// the agent-doc file's lines.
/// </summary>
internal sealed record AgentDocOutline(
    string DisplayPath,
    string? Name,
    string? Version,
    EquatableArray<string> OperationIds,
    EquatableArray<DiagnosticSpec> Diagnostics)
{
    /// <summary>Whether skills can be checked against this file.</summary>
    public bool IsReadable => Name is not null && Version is not null;
}
