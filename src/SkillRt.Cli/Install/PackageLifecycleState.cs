using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace SkillRt.Cli.Install;

/// <summary>
/// What a feed's registration says about one package version after it was published: whether it is
/// yanked (<c>skillrt:yanked</c>, a SkillRt registry's own property) and NuGet's deprecation (reasons,
/// message, alternative package). Feeds that are folders or plain NuGet servers have no yank; a
/// version without either has no state at all.
/// </summary>
/// <param name="IsYanked">Ranges skip the version; an exact version still installs it, with a warning.</param>
/// <param name="DeprecationReasons">NuGet's reasons (<c>Legacy</c>, <c>CriticalBugs</c>, <c>Other</c>), or null when not deprecated.</param>
/// <param name="DeprecationMessage">What the owners said, if anything.</param>
/// <param name="AlternatePackageId">The package to use instead, if named.</param>
/// <param name="AlternatePackageRange">Its version range (<c>*</c> for any).</param>
internal sealed record PackageLifecycleState(bool IsYanked, IReadOnlyList<string>? DeprecationReasons, string? DeprecationMessage, string? AlternatePackageId, string? AlternatePackageRange)
{
    /// <summary>The property of a catalog entry that says a version is yanked.</summary>
    public const string YankedProperty = "skillrt:yanked";

    public bool IsDeprecated => DeprecationReasons is not null;

    /// <summary>The state in a registration catalog entry, or null when it has none (not yanked, not deprecated).</summary>
    public static PackageLifecycleState? Read(JObject catalogEntry)
    {
        var yanked = catalogEntry[YankedProperty]?.Type == JTokenType.Boolean && catalogEntry.Value<bool>(YankedProperty);
        IReadOnlyList<string>? reasons = null;
        string? message = null, alternateId = null, alternateRange = null;
        if (catalogEntry["deprecation"] is JObject deprecation)
        {
            reasons = deprecation["reasons"] is JArray array
                ? array.Where(r => r.Type == JTokenType.String).Select(r => r.Value<string>()!).ToList()
                : [];
            message = deprecation["message"]?.Type == JTokenType.String ? deprecation.Value<string>("message") : null;
            if (deprecation["alternatePackage"] is JObject alternate && alternate["id"]?.Type == JTokenType.String)
            {
                alternateId = alternate.Value<string>("id");
                alternateRange = alternate["range"]?.Type == JTokenType.String ? alternate.Value<string>("range") : null;
            }
        }

        return yanked || reasons is not null ? new PackageLifecycleState(yanked, reasons, message, alternateId, alternateRange) : null;
    }

    /// <summary>
    /// The warning <c>skillrt install</c> prints for a version it installs: <c>Contoso.Old 1.0.0 is deprecated
    /// (Legacy): no longer maintained; use Contoso.New [2.0.0, ) instead.</c>; null when there is nothing to say.
    /// </summary>
    public IEnumerable<string> Warnings(string package)
    {
        if (IsYanked)
        {
            yield return $"{package} is yanked: its owners withdrew it, and ranges skip it; it was installed because exactly this version was asked for.";
        }

        if (IsDeprecated)
        {
            var reasons = DeprecationReasons!.Count == 0 ? "no reason given" : string.Join(", ", DeprecationReasons.Select(Describe));
            var message = string.IsNullOrWhiteSpace(DeprecationMessage) ? "" : ": " + DeprecationMessage.Trim();
            var instead = AlternatePackageId is null
                ? ""
                : $"; use {AlternatePackageId}{(AlternatePackageRange is null or "*" or "(, )" ? "" : " " + AlternatePackageRange)} instead";
            yield return $"{package} is deprecated ({reasons}){message}{instead}.";
        }
    }

    private static string Describe(string reason) => reason switch
    {
        "Legacy" => "legacy, no longer maintained",
        "CriticalBugs" => "critical bugs",
        "Other" => "other",
        _ => reason,
    };
}
