using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Web.Pages;

/// <summary>
/// <c>/account/keys</c>: the account's keys and a form to create one. The rules are the API's
/// (<see cref="IdentityService.CreateKeyAsync"/>): the session's key needs <c>keys:manage</c>, and a new
/// key gets no scope, package or lifetime beyond it. A new key's secret is in the answer to the POST
/// that made it, never in a URL, and that answer is never stored by a cache.
/// </summary>
[Authorize(Policy = WebSession.SignedInPolicy)]
internal sealed class KeysModel(IdentityService identity, ApiKeyScopeCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>The form's fields, as the IdentityService's messages name them (<c>name: …</c>).</summary>
    public const string NameField = "name", ScopesField = "scopes", PackagesField = "packages", ExpiryField = "expiresInDays";

    public ServerCaller Caller { get; private set; } = null!;

    /// <summary>Whether the session's key may list, create and revoke keys.</summary>
    public bool MayManage { get; private set; }

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public IReadOnlyList<ApiKeyScope> Scopes => catalog.All;

    /// <summary>Now (UTC), to tell expired keys from active ones.</summary>
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty(Name = "scopes")]
    public List<string> SelectedScopes { get; set; } = [];

    /// <summary>Package ID patterns, one a line; empty for every package the session's key may act on.</summary>
    [BindProperty]
    public string? Packages { get; set; }

    /// <summary>Text, so a wrong entry is answered next to the field rather than dropped by binding.</summary>
    [BindProperty]
    public string? ExpiresInDays { get; set; }

    /// <summary>Problems by field (<see cref="NameField"/>…); the empty key for one that concerns no single field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The key just created, with its secret: shown in this answer only.</summary>
    public CreatedApiKey? Created { get; private set; }

    /// <summary>The key just revoked (after the redirect from the revoke page).</summary>
    public ApiKeyView? Revoked { get; private set; }

    public async Task OnGetAsync(Guid? revoked)
    {
        await LoadAsync().ConfigureAwait(false);
        SelectedScopes = catalog.Default.Where(Caller.HasScope).ToList();
        if (revoked is { } id)
        {
            Revoked = Keys.FirstOrDefault(k => k.Id == id && k.RevokedAt is not null);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        if (!MayManage)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Errors[string.Empty] = NoManageScope;
            return Page();
        }

        var patterns = (Packages ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int? days = null;
        if (!string.IsNullOrWhiteSpace(ExpiresInDays))
        {
            if (!int.TryParse(ExpiresInDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                Errors[ExpiryField] = $"'{ExpiresInDays.Trim()}' is not a whole number of days; write one from 1 to {IdentityService.MaxExpiryDays}, or leave it empty.";
            }

            days = parsed;
        }

        // The API gives a key without scopes the default ones; a form with every box cleared means a mistake.
        if (SelectedScopes.Count == 0)
        {
            Errors[ScopesField] = "Choose at least one scope.";
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (created, error) = await identity.CreateKeyAsync(Caller, new ApiKeyRequest(Name, SelectedScopes, patterns, days), HttpContext.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            Response.StatusCode = error.StatusCode;
            var (field, message) = FieldOf(error.Detail);
            Errors[field] = message;
            return Page();
        }

        // The secret is in this body only: no cache may keep it, and the form starts afresh.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        Created = created;
        Keys = [.. Keys, created!.Key];
        Name = null;
        Packages = null;
        ExpiresInDays = null;
        SelectedScopes = catalog.Default.Where(Caller.HasScope).ToList();
        return Page();
    }

    /// <summary>What a session without <c>keys:manage</c> is told.</summary>
    public const string NoManageScope =
        "The key this session uses does not have the 'keys:manage' scope, so it cannot list, create or revoke keys. Sign in with a key that has it (an account's first key does).";

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    /// <summary>Whether a new key's box for <paramref name="scope"/> is ticked.</summary>
    public bool IsSelected(ApiKeyScope scope) => SelectedScopes.Contains(scope.Name, StringComparer.Ordinal);

    // The service's messages start with the field they concern ("packages: …").
    private static (string Field, string Message) FieldOf(string detail)
    {
        foreach (var field in new[] { NameField, ScopesField, PackagesField, ExpiryField })
        {
            if (detail.StartsWith(field + ": ", StringComparison.Ordinal))
            {
                var message = detail[(field.Length + 2)..];
                return (field, char.ToUpperInvariant(message[0]) + message[1..]);
            }
        }

        return (string.Empty, detail);
    }

    private async Task LoadAsync()
    {
        Caller = HttpContext.GetServerCaller()!;
        MayManage = Caller.HasScope(ApiKeyScopes.KeysManage);
        if (MayManage)
        {
            Keys = await identity.ListKeysAsync(Caller.AccountId, HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
