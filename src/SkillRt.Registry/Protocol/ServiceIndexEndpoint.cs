using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Server.Hosting;

namespace SkillRt.Registry.Protocol;

/// <summary>
/// The NuGet V3 service index: the one URL a client is given (<c>{server}/v3/index.json</c>), listing
/// every resource by type. Each resource type is listed under the versions NuGet clients look for.
/// </summary>
internal static class ServiceIndexEndpoint
{
    public static IResult Handle(HttpRequest request, IOptions<SkillRtServerOptions> server, string basePath)
    {
        var root = BaseUrl(request, server.Value, basePath);
        var resources = new List<object>();
        void Add(string path, string comment, params string[] types)
        {
            foreach (var type in types)
            {
                resources.Add(new Dictionary<string, string> { ["@id"] = root + path, ["@type"] = type, ["comment"] = comment });
            }
        }

        Add(RegistryRoutes.Publish, "Publish a package (PUT), unlist (DELETE) and relist (POST) a version", "PackagePublish/2.0.0");
        Add(RegistryRoutes.FlatContainer, "Package versions and contents", "PackageBaseAddress/3.0.0");
        Add(RegistryRoutes.Registration, "Package metadata, SemVer 2.0.0 included", "RegistrationsBaseUrl", "RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.0.0-beta", "RegistrationsBaseUrl/3.4.0", "RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/Versioned");
        Add(RegistryRoutes.Search, "Search packages; skill filters such as runtime:process in the query", "SearchQueryService", "SearchQueryService/3.0.0-rc", "SearchQueryService/3.0.0-beta", "SearchQueryService/3.5.0");
        Add(RegistryRoutes.Autocomplete, "Package IDs by prefix, and a package's versions", "SearchAutocompleteService", "SearchAutocompleteService/3.0.0-beta", "SearchAutocompleteService/3.0.0-rc", "SearchAutocompleteService/3.5.0");
        Add(RegistryRoutes.Skills, "The typed manifest of each skill of a version: {id}/{version}/manifest.json", "SkillRtSkillManifest/1.0.0");
        Add(Signing.SigningRoutes.Packages, "Author signatures: {id}/signing-keys (the owner's minisign keys) and {id}/{version}/signature", Signing.SigningRoutes.ResourceType);

        return Results.Json(new Dictionary<string, object> { ["version"] = "3.0.0", ["resources"] = resources });
    }

    /// <summary>The registry's absolute base URL, ending in '/': the configured public URL, else the request's own.</summary>
    public static string BaseUrl(HttpRequest request, SkillRtServerOptions server, string basePath)
    {
        var origin = server.PublicUrl is { Length: > 0 } publicUrl
            ? publicUrl.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        var path = basePath.Trim('/');
        return path.Length == 0 ? origin + "/" : $"{origin}/{path}/";
    }
}
