using System;
using System.Collections.Generic;
using System.Linq;
using NuGet.Packaging;
using NuGet.Versioning;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// The body of <c>PUT api/v2/package/{id}/{version}/deprecation</c>:
/// <c>{"reasons": ["Legacy"], "message": "…", "alternatePackage": {"id": "Contoso.New", "range": "[2.0.0, )"}}</c>.
/// </summary>
internal sealed record DeprecationRequest(IReadOnlyList<string>? Reasons, string? Message, AlternatePackageRequest? AlternatePackage)
{
    public const int MaxMessageLength = 1000;

    /// <summary>The deprecation to store, or what is wrong with the request (naming the field and what to send).</summary>
    public (ValidDeprecation? Deprecation, string? Problem) Validate()
    {
        if (Reasons is not { Count: > 0 })
        {
            return (null, $"reasons: name at least one of {string.Join(", ", DeprecationReasons.All)}.");
        }

        var reasons = new List<string>();
        foreach (var reason in Reasons)
        {
            if (DeprecationReasons.Canonical(reason) is not { } canonical)
            {
                return (null, $"reasons: '{Shorten(reason)}' is not a deprecation reason; use {string.Join(", ", DeprecationReasons.All)}.");
            }

            if (!reasons.Contains(canonical))
            {
                reasons.Add(canonical);
            }
        }

        var message = string.IsNullOrWhiteSpace(Message) ? null : Message.Trim();
        if (message is { Length: > MaxMessageLength })
        {
            return (null, $"message: at most {MaxMessageLength} characters (it has {message.Length}).");
        }

        // As nuget.org: "Other" alone says nothing, so it needs the message that does.
        if (message is null && reasons.SequenceEqual([DeprecationReasons.Other]))
        {
            return (null, "message: a deprecation whose only reason is Other needs a message saying why.");
        }

        string? alternateId = null;
        string? alternateRange = null;
        if (AlternatePackage is { } alternate)
        {
            alternateId = alternate.Id?.Trim();
            if (string.IsNullOrEmpty(alternateId) || alternateId.Length > 128 || !PackageIdValidator.IsValidPackageId(alternateId))
            {
                return (null, $"alternatePackage.id: '{Shorten(alternateId)}' is not a package ID (letters, digits, '.', '_' and '-', at most 128 characters).");
            }

            if (!string.IsNullOrWhiteSpace(alternate.Range) && alternate.Range.Trim() != "*")
            {
                if (alternate.Range.Length > 256 || !VersionRange.TryParse(alternate.Range.Trim(), out var range))
                {
                    return (null, $"alternatePackage.range: '{Shorten(alternate.Range)}' is not a NuGet version range; write one such as [2.0.0, ) or 2.0.0 (2.0.0 or later), or leave it out for any version.");
                }

                alternateRange = range.ToNormalizedString();
            }
        }

        return (new ValidDeprecation(reasons, message, alternateId, alternateRange), null);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "…";
}

/// <summary>The alternative a deprecation names: <c>{"id": "…", "range": "…"}</c>.</summary>
internal sealed record AlternatePackageRequest(string? Id, string? Range);

/// <summary>A deprecation that passed <see cref="DeprecationRequest.Validate"/>: canonical reasons, trimmed message, normalized range.</summary>
internal sealed record ValidDeprecation(IReadOnlyList<string> Reasons, string? Message, string? AlternatePackageId, string? AlternatePackageRange);
