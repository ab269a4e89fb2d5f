namespace SkillRt.AgentDoc;

/// <summary>How often an operation may be called.</summary>
/// <param name="Description">The limit in words, and how the API signals it (status 429, headers).</param>
/// <param name="Requests">The number of requests allowed per <paramref name="Window"/>, when known.</param>
/// <param name="Window">The window, as an ISO 8601 duration (<c>PT1S</c>, <c>PT1M</c>), when known.</param>
public sealed record AgentDocRateLimit(string Description, int? Requests = null, string? Window = null);
