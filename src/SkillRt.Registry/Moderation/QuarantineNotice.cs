using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Moderation;

/// <summary>
/// An endpoint filter for the read routes of one version (.nupkg, .nuspec, registration leaf, skill
/// manifest): when the route answers 404 and the version exists but is quarantined, the 404 says so
/// and which rules hold it, instead of "not found". Runs only on a 404, so reads that succeed pay nothing.
/// The status stays 404: to NuGet clients the version is not available, which is the truth.
/// </summary>
internal static class QuarantineNotice
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound }
            || context.HttpContext.GetRouteValue("id") is not string id
            || context.HttpContext.GetRouteValue("version") is not string version)
        {
            return result;
        }

        // A registration leaf's route value is "{version}.json"'s version already; a nupkg's is the folder.
        var normalizedVersion = PackageReader.Normalize(version);
        if (normalizedVersion is null)
        {
            return result;
        }

        var database = context.HttpContext.RequestServices.GetRequiredService<RegistryDbContext>();
        var normalizedId = id.ToLowerInvariant();
        var quarantined = await database.Versions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.IsQuarantined && v.NormalizedVersion == normalizedVersion)
            .Join(database.Packages.AsNoTracking().Where(p => p.NormalizedId == normalizedId), v => v.RegistrationId, p => p.Id, (v, p) => v.Id)
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (quarantined == default)
        {
            return result;
        }

        var rules = await database.Set<VersionFinding>().AsNoTracking()
            .Where(f => f.VersionId == quarantined && f.Blocking)
            .Select(f => f.RuleId)
            .Distinct()
            .ToListAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        rules.Sort(System.StringComparer.Ordinal);
        return Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Package version quarantined",
            detail: $"'{id}' {version} is held for review because the registry's scanner reported {string.Join(", ", rules)} (High or above); it cannot be installed until an administrator releases it. " +
                "Use another version; its authors see the findings with 'skillrt findings' and may appeal.",
            extensions: new System.Collections.Generic.Dictionary<string, object?> { ["quarantined"] = true, ["rules"] = rules });
    }
}
