using Microsoft.AspNetCore.Http;

namespace SkillRt.Registry.Reading;

/// <summary>The problem details (RFC 9457) the read endpoints answer with.</summary>
internal static class ReadProblems
{
    public static IResult PackageNotFound(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Package not found",
        detail: $"No package '{id}' is published on this registry. Check the ID, or search for it at v3/search?q={id}.");

    public static IResult VersionNotFound(string id, string version) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Package version not found",
        detail: $"Package '{id}' has no version '{version}' on this registry. Its versions are listed at v3/flatcontainer/{id.ToLowerInvariant()}/index.json.");

    public static IResult BadParameter(string name, string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid query parameter '{name}'",
        detail: detail);
}
