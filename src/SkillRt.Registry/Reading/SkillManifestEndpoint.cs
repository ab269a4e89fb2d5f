using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Registry.Reading;

/// <summary><c>v3/skills/{id}/{version}/manifest.json</c>: the typed manifest of each skill of a version, as stored at publish.</summary>
internal static class SkillManifestEndpoint
{
    public static async Task<IResult> HandleAsync(string id, string version, PackageReader reader, CancellationToken cancellationToken) =>
        await reader.FindVersionAsync(id, version, cancellationToken).ConfigureAwait(false) is { } found
            ? Results.Content(found.Version.ManifestJson, "application/json")
            : ReadProblems.VersionNotFound(id, version);
}
