using System.Collections.Generic;

namespace SkillRt.AgentDoc;

/// <summary>One way to authenticate (an OpenAPI security scheme).</summary>
public sealed record AgentDocAuthentication
{
    /// <summary>The ID operations use in <see cref="AgentDocOperation.Auth"/>.</summary>
    public required string Id { get; init; }

    /// <summary><c>http</c>, <c>apiKey</c>, <c>oauth2</c>, <c>openIdConnect</c> or <c>mutualTLS</c>.</summary>
    public required string Type { get; init; }

    /// <summary>For <c>http</c>: the scheme, such as <c>bearer</c> or <c>basic</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>For <c>apiKey</c>: where the key goes (<c>header</c>, <c>query</c> or <c>cookie</c>).</summary>
    public string? In { get; init; }

    /// <summary>For <c>apiKey</c>: the header, query parameter or cookie name.</summary>
    public string? ParameterName { get; init; }

    /// <summary>How to get and pass the credential.</summary>
    public string? Description { get; init; }

    /// <summary>For <c>oauth2</c>/<c>openIdConnect</c>: the scopes that exist.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
