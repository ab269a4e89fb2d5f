using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// Why a publish, unlist or relist was refused: an RFC 9457 problem document (status, title, detail
/// and, for invalid skills, a <c>diagnostics</c> member), plus the outcome the counters record.
/// </summary>
internal sealed record PublishProblem(int StatusCode, string Title, string Detail, string Outcome, IReadOnlyList<PackageDiagnostic>? Diagnostics = null)
{
    public static PublishProblem Invalid(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail, PublishOutcome.Invalid);

    public static PublishProblem Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail, PublishOutcome.Forbidden);

    public static PublishProblem Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail, PublishOutcome.Conflict);

    public static PublishProblem NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail, PublishOutcome.NotFound);

    public static PublishProblem TooLarge(long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge,
        "Package too large",
        $"The package is over {maxBytes:N0} bytes, the most this registry accepts (SkillRt:Registry:MaxPackageBytes); make the skills smaller, or ask the registry's administrator to raise the limit.",
        PublishOutcome.TooLarge);

    /// <summary>The scanner's findings on a refused package (Moderation/), shown as the problem's <c>findings</c> member.</summary>
    public IReadOnlyList<Moderation.FindingView>? Findings { get; init; }

    public IResult ToResult()
    {
        var extensions = new Dictionary<string, object?>();
        if (Diagnostics is not null)
        {
            extensions["diagnostics"] = Diagnostics;
        }

        if (Findings is not null)
        {
            extensions["findings"] = Findings;
        }

        return Results.Problem(statusCode: StatusCode, title: Title, detail: Detail, extensions: extensions.Count == 0 ? null : extensions);
    }
}
