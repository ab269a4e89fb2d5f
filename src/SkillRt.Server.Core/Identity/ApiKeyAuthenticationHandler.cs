using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Server.Telemetry;

namespace SkillRt.Server.Identity;

/// <summary>
/// Authenticates a request by its API key: <c>X-NuGet-ApiKey</c> (what <c>dotnet nuget push</c> sends)
/// or <c>Authorization: Bearer</c>. A request without a key is anonymous; a request with a wrong,
/// revoked or expired key fails with 401 and a problem document saying which (never echoing the key).
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "SkillRtApiKey";
    public const string NuGetHeader = "X-NuGet-ApiKey";

    private const string FailureItem = "SkillRt.ApiKeyFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecrets.LooksLikeKey(presented))
        {
            return Fail("malformed", "The API key is not a SkillRt key (they start with 'skr_'); create one with 'skillrt keys create'.");
        }

        // Resolved only now: most requests (downloads, searches) carry no key and need no database.
        var database = Context.RequestServices.GetRequiredService<IdentityDbContext>();
        var found = await ApiKeyLookup.BySecretHashAsync(database, ApiKeySecrets.Hash(presented), time.GetUtcNow().UtcDateTime, Context.RequestAborted).ConfigureAwait(false);
        if (found.Caller is not { } caller)
        {
            return Fail(found.Outcome!, found.Refusal!);
        }

        Context.Items[typeof(ServerCaller)] = caller;

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.AccountId.ToString()),
            new(ClaimTypes.Name, caller.AccountName),
        };
        claims.AddRange(caller.Scopes.Select(scope => new Claim(ServerClaimTypes.Scope, scope)));
        ServerTelemetry.ApiKeyAuthentications.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[FailureItem] as string
            ?? $"This needs an API key, sent as '{NuGetHeader}: skr_…' or 'Authorization: Bearer skr_…'; create one with 'skillrt keys create' and store it with 'skillrt login'.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "An API key is needed")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
                detail: "The API key does not have the scope this needs; create a key with it ('skillrt keys create --scope …').",
                statusCode: StatusCodes.Status403Forbidden,
                title: "The API key's scopes do not allow this")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    private AuthenticateResult Fail(string outcome, string message)
    {
        ServerTelemetry.ApiKeyAuthentications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Context.Items[FailureItem] = message;
        LogRefused(Logger, message);
        return AuthenticateResult.Fail(message);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(NuGetHeader, out var nuget) && nuget.Count > 0 && !string.IsNullOrEmpty(nuget[0]))
        {
            return nuget[0]!.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
    }

    // The message names the problem, never the key.
    [LoggerMessage(Level = LogLevel.Information, Message = "API key refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
