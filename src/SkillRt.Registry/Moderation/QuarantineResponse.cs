using System;
using Microsoft.AspNetCore.Http;
using SkillRt.Registry.Publishing;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// The publish response of a quarantined version: 202 Accepted (recorded, not yet available), its
/// Location the findings. A success status on purpose: the version exists and its number is taken,
/// so a client that treated it as a failure and retried would only get 409; <c>dotnet nuget push</c>
/// reports success, and <c>skillrt publish</c> prints the findings from the body.
/// </summary>
internal static class QuarantineResponse
{
    public static IResult? For(PublishedPackage published, string pattern)
    {
        if (published.Screening is not { Quarantined: true })
        {
            return null;
        }

        var findings = $"/{pattern.Trim('/')}/{ModerationRoutes.Findings}"
            .Replace("//", "/", StringComparison.Ordinal)
            .Replace("{id}", published.Id.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{version}", published.Version.ToLowerInvariant(), StringComparison.Ordinal);
        return Results.Accepted(findings, published);
    }
}
