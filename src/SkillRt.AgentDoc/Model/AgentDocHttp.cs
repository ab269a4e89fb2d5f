namespace SkillRt.AgentDoc;

/// <summary>How an operation is called over HTTP.</summary>
/// <param name="Method">The method in uppercase: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE or QUERY.</param>
/// <param name="Path">The path template relative to a base URL, such as <c>/emails/{email_id}</c>.</param>
/// <param name="ContentType">The request body's media type, when there is a body.</param>
public sealed record AgentDocHttp(string Method, string Path, string? ContentType = null);
