using System;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Web;

/// <summary>
/// Signing in to the web pages: a person pastes one of their API keys once, and the server keeps a
/// session cookie that names the key, never holding the secret. Every page request checks the key
/// again (<see cref="ApiKeyLookup"/>), so the session has exactly the key's scopes and ends when the
/// key is revoked or expires or the account is suspended. Pages read the caller with
/// <c>HttpContext.GetServerCaller()</c>, as endpoints do. The API never accepts the cookie: it takes
/// keys only, so no other site can make a browser call it.
/// </summary>
public static class WebSession
{
    /// <summary>The authentication scheme of the web pages' session cookie.</summary>
    public const string Scheme = "SkillRtWeb";

    /// <summary>The authorization policy of pages for a signed-in account.</summary>
    public const string SignedInPolicy = "SkillRtWebSignedIn";

    /// <summary>The authorization policy of administrators' pages.</summary>
    public const string AdministratorPolicy = "SkillRtWebAdministrator";

    /// <summary>The sign-in page.</summary>
    public const string SignInPath = "/account/sign-in";

    internal const string KeyIdClaim = "skillrt:key";

    /// <summary>How long a session lasts without a request; each request within half of it renews it.</summary>
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>Whether the request belongs to a signed-in session (authenticated by the cookie and its key still valid).</summary>
    public static bool IsSignedIn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.ContainsKey(typeof(WebSession)) && context.GetServerCaller() is not null;
    }

    /// <summary>
    /// Authenticates the session cookie (once a request) and makes its caller what
    /// <c>GetServerCaller()</c> returns; pages anyone may see call it to know who is looking.
    /// </summary>
    public static async Task<ServerCaller?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.ContainsKey(typeof(WebSession)))
        {
            await context.AuthenticateAsync(Scheme).ConfigureAwait(false);
        }

        return context.Items.ContainsKey(typeof(WebSession)) ? context.GetServerCaller() : null;
    }

    /// <summary>Checks <paramref name="secret"/> and starts a session for its key; the message says why not.</summary>
    internal static async Task<string?> SignInAsync(HttpContext context, string? secret, CancellationToken cancellationToken)
    {
        secret = secret?.Trim();
        if (string.IsNullOrEmpty(secret) || !ApiKeySecrets.LooksLikeKey(secret))
        {
            return "Paste an API key: it starts with 'skr_'. 'skillrt keys create' makes one; the server printed the first administrator's when it started.";
        }

        var database = context.RequestServices.GetRequiredService<IdentityDbContext>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var found = await ApiKeyLookup.BySecretHashAsync(database, ApiKeySecrets.Hash(secret), now, cancellationToken).ConfigureAwait(false);
        if (found.Caller is not { } caller)
        {
            return found.Refusal;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.AccountId.ToString()), new Claim(ClaimTypes.Name, caller.AccountName), new Claim(KeyIdClaim, caller.KeyId.ToString())],
            Scheme);
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        if (caller.KeyExpiresAt is { } expires)
        {
            // Never outlive the key.
            properties.ExpiresUtc = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) < DateTimeOffset.UtcNow + IdleTimeout
                ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc))
                : null;
        }

        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties).ConfigureAwait(false);
        return null;
    }

    /// <summary>The cookie handler's check of every request: the key must still be valid.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        if (context.Principal?.FindFirst(KeyIdClaim)?.Value is not { } value || !Guid.TryParse(value, out var keyId))
        {
            context.RejectPrincipal();
            return;
        }

        var database = http.RequestServices.GetRequiredService<IdentityDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var found = await ApiKeyLookup.ByIdAsync(database, keyId, now, http.RequestAborted).ConfigureAwait(false);
        if (found.Caller is not { } caller)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(Scheme).ConfigureAwait(false);
            return;
        }

        http.Items[typeof(ServerCaller)] = caller;
        http.Items[typeof(WebSession)] = true;
    }
}
