namespace SkillRt.Server.Identity;

/// <summary>Why an identity operation was refused: the HTTP status it maps to and a message that says what to do.</summary>
internal sealed record IdentityError(int StatusCode, string Title, string Detail);
