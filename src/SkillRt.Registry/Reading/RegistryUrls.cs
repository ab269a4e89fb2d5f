using Microsoft.AspNetCore.Http;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Protocol;
using SkillRt.Server.Hosting;

namespace SkillRt.Registry.Reading;

/// <summary>The absolute URLs the read documents link to, from the registry's base URL (public or the request's own).</summary>
internal sealed class RegistryUrls(string root)
{
    public static RegistryUrls For(HttpRequest request, SkillRtServerOptions server, string basePath) =>
        new(ServiceIndexEndpoint.BaseUrl(request, server, basePath));

    /// <summary>The base URL, ending in '/'.</summary>
    public string Root { get; } = root;

    public string RegistrationIndex(string lowerId) => $"{Root}{RegistryRoutes.Registration}{lowerId}/index.json";

    public string RegistrationLeaf(string lowerId, string lowerVersion) => $"{Root}{RegistryRoutes.Registration}{lowerId}/{lowerVersion}.json";

    public string PackageContent(string lowerId, string lowerVersion) => $"{Root}{RegistryRoutes.FlatContainer}{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg";

    public string Manifest(string lowerId, string lowerVersion) => $"{Root}{RegistryRoutes.Skills}{lowerId}/{lowerVersion}/manifest.json";
}
