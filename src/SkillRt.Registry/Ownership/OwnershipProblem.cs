using Microsoft.AspNetCore.Http;

namespace SkillRt.Registry.Ownership;

/// <summary>Why an ownership or namespace request was refused: an RFC 9457 problem (title says what, detail says what to do).</summary>
internal sealed record OwnershipProblem(int StatusCode, string Title, string Detail)
{
    public static OwnershipProblem Invalid(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail);

    public static OwnershipProblem Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail);

    public static OwnershipProblem NotFound(string title, string detail) => new(StatusCodes.Status404NotFound, title, detail);

    public static OwnershipProblem Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    /// <summary>The DNS check could not be made (timeout, server failure): the registry's upstream failed, not the request.</summary>
    public static OwnershipProblem DnsFailed(string title, string detail) => new(StatusCodes.Status502BadGateway, title, detail);

    /// <summary>The DNS check was made and the record is missing or wrong: the owner has something to fix.</summary>
    public static OwnershipProblem NotVerified(string title, string detail) => new(StatusCodes.Status422UnprocessableEntity, title, detail);

    public IResult ToResult() => Results.Problem(statusCode: StatusCode, title: Title, detail: Detail);
}
