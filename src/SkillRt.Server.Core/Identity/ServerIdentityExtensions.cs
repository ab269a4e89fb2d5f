using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Server.Identity;

/// <summary>How modules ask who is calling and require a scope.</summary>
public static class ServerIdentityExtensions
{
    /// <summary>The caller of a request made with a valid API key; null for an anonymous request.</summary>
    public static ServerCaller? GetServerCaller(this HttpContext context) =>
        context.Items.TryGetValue(typeof(ServerCaller), out var caller) ? caller as ServerCaller : null;

    /// <summary>
    /// Requires a valid API key with <paramref name="scope"/>: no key or a bad key gives 401, a key
    /// without the scope 403, each with a problem document saying what to do.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scope))
            .Build();
        return builder.RequireAuthorization(policy);
    }

    /// <summary>Requires a valid API key, whatever its scopes (401 otherwise).</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
        return builder.RequireAuthorization(policy);
    }
}
