namespace SkillRt.AgentDoc;

/// <summary>How much an <see cref="OpenApiMappingProblem"/> matters.</summary>
public enum OpenApiMappingSeverity
{
    /// <summary>Left out on purpose (webhooks, extensions, unused schemas); nothing an agent needs is lost.</summary>
    Info = 0,

    /// <summary>Mapped by a guess or with a gap (a derived operation ID, an unresolved reference); check it.</summary>
    Warning = 1,

    /// <summary>The document could not be read or mapped at all.</summary>
    Error = 2,
}
