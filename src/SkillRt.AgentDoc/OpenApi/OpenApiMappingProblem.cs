namespace SkillRt.AgentDoc;

/// <summary>Something in the OpenAPI document the generator could not map, or mapped by a guess worth checking.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Location">Where in the OpenAPI document, as a JSON Pointer (<c>#/paths/~1emails/post</c>) or a place name.</param>
/// <param name="Message">What happened and what to do.</param>
public sealed record OpenApiMappingProblem(OpenApiMappingSeverity Severity, string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Location}: {Message}";
}
