using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.Registry.Lifecycle;

/// <summary>
/// How registration documents show a version's lifecycle: NuGet's own <c>deprecation</c> object in the
/// catalog entry (<c>{reasons, message, alternatePackage: {id, range}}</c>, what <c>dotnet list package
/// --deprecated</c> and the IDE read), and <c>skillrt:yanked</c>, a boolean NuGet clients ignore and
/// <c>skillrt install</c> reads, in the catalog entry and in the version's leaf.
/// </summary>
internal static class LifecycleJson
{
    /// <summary>The property that says whether a version is yanked.</summary>
    public const string YankedProperty = "skillrt:yanked";

    /// <summary>Adds <c>skillrt:yanked</c> (always) and <c>deprecation</c> (when deprecated) to a catalog entry.</summary>
    public static void AddTo(JsonObject catalogEntry, string leafUrl, VersionLifecycle? lifecycle)
    {
        catalogEntry[YankedProperty] = lifecycle?.IsYanked ?? false;
        if (lifecycle is not { IsDeprecated: true })
        {
            return;
        }

        var deprecation = new JsonObject
        {
            ["@id"] = leafUrl + "#deprecation",
            ["reasons"] = new JsonArray(lifecycle.DeprecationReasons!.Split(' ').Select(r => (JsonNode)r).ToArray()),
        };
        if (lifecycle.DeprecationMessage is { } message)
        {
            deprecation["message"] = message;
        }

        if (lifecycle.AlternatePackageId is { } alternateId)
        {
            deprecation["alternatePackage"] = new JsonObject
            {
                ["@id"] = leafUrl + "#deprecation/alternatePackage",
                ["id"] = alternateId,
                ["range"] = lifecycle.AlternatePackageRange ?? "*",
            };
        }

        catalogEntry["deprecation"] = deprecation;
    }
}
