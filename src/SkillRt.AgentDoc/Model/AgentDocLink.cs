namespace SkillRt.AgentDoc;

/// <summary>A link to documentation written for people.</summary>
/// <param name="Title">What the page is.</param>
/// <param name="Url">An absolute http(s) URL.</param>
/// <param name="Kind">What kind of page: <c>reference</c>, <c>guide</c>, <c>changelog</c>, <c>terms</c>, <c>contact</c> or <c>other</c>.</param>
public sealed record AgentDocLink(string Title, string Url, string? Kind = null);
