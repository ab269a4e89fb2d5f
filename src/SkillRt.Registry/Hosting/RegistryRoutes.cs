namespace SkillRt.Registry.Hosting;

/// <summary>
/// Where the registry's resources live, relative to the pattern <c>MapSkillRegistry</c> was given;
/// the service index (<c>v3/index.json</c>) lists them, so clients only need that one URL.
/// </summary>
internal static class RegistryRoutes
{
    public const string ServiceIndex = "v3/index.json";

    /// <summary>PackagePublish/2.0.0: PUT a .nupkg (multipart), DELETE unlists, POST relists.</summary>
    public const string Publish = "api/v2/package";

    /// <summary>PackageBaseAddress/3.0.0: <c>{id}/index.json</c>, <c>{id}/{version}/{id}.{version}.nupkg</c>, <c>….nuspec</c>.</summary>
    public const string FlatContainer = "v3/flatcontainer/";

    /// <summary>RegistrationsBaseUrl (3.6.0, SemVer 2.0): <c>{id}/index.json</c>, <c>{id}/{version}.json</c>.</summary>
    public const string Registration = "v3/registration/";

    /// <summary>SearchQueryService/3.5.0, with skill filters in the query (<c>runtime:process</c>).</summary>
    public const string Search = "v3/search";

    /// <summary>SearchAutocompleteService/3.5.0: IDs by prefix, or a package's versions.</summary>
    public const string Autocomplete = "v3/autocomplete";

    /// <summary>SkillRt's own resource: <c>{id}/{version}/manifest.json</c>, the typed manifest of each skill.</summary>
    public const string Skills = "v3/skills/";

    /// <summary>Reserved ID prefixes (<c>GET</c>, <c>POST</c>, <c>DELETE {prefix}</c>) and their domain verifications.</summary>
    public const string Namespaces = "api/v2/namespaces";

    /// <summary>A package's owners: <c>{id}/owners</c>, <c>{id}/owners/{owner}/accept</c>, <c>{id}/transfer</c>.</summary>
    public const string Packages = "api/v2/packages/";

    /// <summary>The pending invitations to the caller's owners.</summary>
    public const string Invitations = "api/v2/owners/invitations";
}
