using System.Diagnostics;
using System.Diagnostics.Metrics;
using SkillRt.Server.Telemetry;

namespace SkillRt.Registry.Hosting;

/// <summary>
/// The registry's traces and metrics, <c>SkillRt.Server.Registry</c>; the server program exports every
/// source and meter whose name starts with <c>SkillRt.Server</c>.
/// </summary>
internal static class RegistryTelemetry
{
    /// <summary>The name of the registry's ActivitySource and Meter.</summary>
    public const string Name = ServerTelemetry.Name + ".Registry";

    /// <summary>Tag: the package ID as published.</summary>
    public const string PackageIdTag = "skillrt.package.id";

    /// <summary>Tag: the package version, normalized.</summary>
    public const string PackageVersionTag = "skillrt.package.version";

    /// <summary>Tag: how a publish or a listing change ended (<see cref="Publishing.PublishOutcome"/>).</summary>
    public const string OutcomeTag = "skillrt.registry.outcome";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Publishes by outcome: <c>published</c>, <c>invalid</c>, <c>too_large</c>, <c>forbidden</c>, <c>conflict</c>.</summary>
    public static readonly Counter<long> Publishes =
        Meter.CreateCounter<long>("skillrt.registry.publishes", unit: "{publish}", description: "Package publishes, by outcome.");

    /// <summary>Unlists and relists by outcome.</summary>
    public static readonly Counter<long> ListingChanges =
        Meter.CreateCounter<long>("skillrt.registry.listing_changes", unit: "{change}", description: "Unlists and relists of package versions, by outcome.");

    /// <summary>Blobs the orphan sweep deleted.</summary>
    public static readonly Counter<long> SweptBlobs =
        Meter.CreateCounter<long>("skillrt.registry.swept_blobs", unit: "{blob}", description: "Package blobs no version referred to, deleted by the orphan sweep.");

    /// <summary>Package downloads served (.nupkg bodies sent).</summary>
    public static readonly Counter<long> Downloads =
        Meter.CreateCounter<long>("skillrt.registry.downloads", unit: "{download}", description: "Package downloads served.");

    /// <summary>How many packages each search matched.</summary>
    public static readonly Histogram<int> SearchHits =
        Meter.CreateHistogram<int>("skillrt.registry.search.hits", unit: "{package}", description: "Packages a search matched.");
}
